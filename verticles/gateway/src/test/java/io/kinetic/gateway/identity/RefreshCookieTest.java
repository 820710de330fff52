package io.kinetic.gateway.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.gateway.GatewayFixture;
import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.contract.Deleted;
import io.kinetic.kernel.contract.identity.Login;
import io.kinetic.kernel.contract.identity.Logout;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.contract.identity.RefreshTokens;
import io.kinetic.kernel.contract.identity.Tokens;
import io.kinetic.kernel.error.ErrorCode;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The browser's refresh token in an HttpOnly cookie ({@code X-Refresh-Token: cookie}): its
 * attributes, refresh and logout by cookie, the CSRF refusals, and API clients that keep the token
 * in the body.
 */
class RefreshCookieTest {

  private static GatewayFixture gw;
  private static String self;

  @BeforeAll
  static void start() throws Exception {
    gw = GatewayFixture.start();
    self = "http://localhost:" + gw.port;
    gw.bus.<Login>on(IdentityApi.LOGIN, l -> new Tokens("access-" + l.realm(), "refresh-" + UUID.randomUUID(), "Bearer", 900));
    gw.bus.<RefreshTokens>on(IdentityApi.REFRESH, r -> r.refreshToken().startsWith("dead")
      ? ErrorCode.TOKEN_INVALID.failure("unknown refresh token")
      : new Tokens("access-" + r.realm(), "rotated-" + r.refreshToken(), "Bearer", 900));
    gw.bus.<Logout>on(IdentityApi.LOGOUT, l -> Deleted.of(UUID.randomUUID()));
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  @BeforeEach
  void forget() {
    gw.bus.clear();
  }

  @Test
  void customerLoginInCookieModeSetsAStrictHttpOnlyCookieOnTheAuthPathOnly() throws Exception {
    var login = post("/api/v1/auth/login", headers().add("X-Refresh-Token", "cookie").add("Origin", self),
      "{\"email\":\"ada@example.com\",\"password\":\"pw\"}");

    assertEquals(200, login.statusCode(), login.bodyAsString());
    assertEquals("access-CUSTOMER", login.bodyAsJsonObject().getString("accessToken"));
    assertFalse(login.bodyAsJsonObject().containsKey("refreshToken"), "the refresh token is not readable by scripts: " + login.bodyAsString());
    String cookie = single(login.cookies());
    assertTrue(cookie.startsWith("kinetic_refresh=refresh-"), cookie);
    assertTrue(cookie.contains("; Path=/api/v1/auth;") || cookie.endsWith("; Path=/api/v1/auth"), cookie);
    assertTrue(cookie.contains("; HTTPOnly") || cookie.contains("; HttpOnly"), cookie);
    assertTrue(cookie.contains("; SameSite=Strict"), cookie);
    assertTrue(cookie.contains("; Max-Age=" + gw.config.auth().refreshTtlSeconds()), "lives as long as the token: " + cookie);
    assertFalse(cookie.contains("Secure"), "plain HTTP: no Secure flag, or the browser would drop it: " + cookie);
  }

  @Test
  void staffLoginInCookieModeSetsASessionCookieOnTheAdminAuthPath() throws Exception {
    var login = post("/api/v1/admin/auth/login", headers().add("X-Refresh-Token", "cookie"),
      "{\"email\":\"boss@example.com\",\"password\":\"pw\"}");

    assertEquals(200, login.statusCode(), login.bodyAsString());
    assertEquals(Realm.STAFF, gw.bus.<Login>lastBody(IdentityApi.LOGIN).realm());
    String cookie = single(login.cookies());
    assertTrue(cookie.startsWith("kinetic_admin_refresh=refresh-"), cookie);
    assertTrue(cookie.contains("; Path=/api/v1/admin/auth"), cookie);
    assertTrue(cookie.contains("; SameSite=Strict"), cookie);
    assertFalse(cookie.contains("Max-Age") || cookie.contains("Expires"), "ends with the browser session: " + cookie);
  }

  @Test
  void apiClientsKeepTheTokenInTheBodyAndGetNoCookie() throws Exception {
    var login = post("/api/v1/auth/login", headers(), "{\"email\":\"ada@example.com\",\"password\":\"pw\"}");
    assertEquals(200, login.statusCode(), login.bodyAsString());
    assertTrue(login.bodyAsJsonObject().getString("refreshToken").startsWith("refresh-"));
    assertTrue(login.cookies().isEmpty(), login.cookies().toString());

    var refresh = post("/api/v1/auth/refresh", headers(), "{\"refreshToken\":\"r1\"}");
    assertEquals(200, refresh.statusCode(), refresh.bodyAsString());
    assertEquals("rotated-r1", refresh.bodyAsJsonObject().getString("refreshToken"));
    assertTrue(refresh.cookies().isEmpty(), refresh.cookies().toString());
  }

  @Test
  void refreshByCookieRotatesTheCookieAndNeedsNoBody() throws Exception {
    var refresh = post("/api/v1/auth/refresh", sameOrigin().add("Cookie", "kinetic_refresh=r-old"), null);

    assertEquals(200, refresh.statusCode(), refresh.bodyAsString());
    RefreshTokens sent = gw.bus.lastBody(IdentityApi.REFRESH);
    assertEquals("r-old", sent.refreshToken());
    assertEquals(Realm.CUSTOMER, sent.realm());
    assertEquals("access-CUSTOMER", refresh.bodyAsJsonObject().getString("accessToken"));
    assertNull(refresh.bodyAsJsonObject().getString("refreshToken"));
    assertTrue(single(refresh.cookies()).startsWith("kinetic_refresh=rotated-r-old;"), refresh.cookies().toString());

    var staff = post("/api/v1/admin/auth/refresh", sameOrigin().add("Cookie", "kinetic_admin_refresh=s-old"), "{}");
    assertEquals(200, staff.statusCode(), staff.bodyAsString());
    assertEquals(Realm.STAFF, gw.bus.<RefreshTokens>lastBody(IdentityApi.REFRESH).realm());
    assertTrue(single(staff.cookies()).startsWith("kinetic_admin_refresh=rotated-s-old;"), staff.cookies().toString());
  }

  @Test
  void crossSiteCookieRequestsAreRefusedBeforeTheTokenIsUsed() throws Exception {
    List<MultiMap> forged = List.of(
      headers().add("X-Refresh-Token", "cookie").add("Origin", "https://evil.example"),
      headers().add("X-Refresh-Token", "cookie").add("Origin", "http://localhost:1"),
      headers().add("X-Refresh-Token", "cookie").add("Origin", "null"),
      headers().add("X-Refresh-Token", "cookie").add("Sec-Fetch-Site", "cross-site"),
      headers().add("X-Refresh-Token", "cookie").add("Sec-Fetch-Site", "same-site").add("Origin", self));
    for (String path : List.of("/api/v1/auth/refresh", "/api/v1/auth/logout", "/api/v1/auth/login")) {
      for (MultiMap h : forged) {
        var refused = post(path, h.add("Cookie", "kinetic_refresh=r-victim"),
          path.endsWith("login") ? "{\"email\":\"ada@example.com\",\"password\":\"pw\"}" : null);
        assertEquals(403, refused.statusCode(), path + " " + h + ": " + refused.bodyAsString());
        assertEquals("CSRF_REJECTED", GatewayFixture.problem(refused).getString("code"));
        assertTrue(refused.cookies().isEmpty(), "the cookie is left alone");
      }
    }
    assertEquals(0, gw.bus.count(IdentityApi.REFRESH) + gw.bus.count(IdentityApi.LOGOUT)
      + gw.bus.count(IdentityApi.LOGIN), "nothing reached the identity service");
  }

  @Test
  void withoutTheHeaderTheCookieIsIgnored() throws Exception {
    var refresh = post("/api/v1/auth/refresh", headers().add("Cookie", "kinetic_refresh=r-victim"), null);

    assertEquals(400, refresh.statusCode(), refresh.bodyAsString());
    var problem = GatewayFixture.problem(refresh);
    assertEquals("VALIDATION_FAILED", problem.getString("code"));
    assertEquals("refreshToken", problem.getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(0, gw.bus.count(IdentityApi.REFRESH));
  }

  @Test
  void aRefusedCookieIsClearedAndAMissingOneIsTokenInvalid() throws Exception {
    var dead = post("/api/v1/auth/refresh", sameOrigin().add("Cookie", "kinetic_refresh=dead-1"), null);
    assertEquals(401, dead.statusCode(), dead.bodyAsString());
    assertEquals("TOKEN_INVALID", GatewayFixture.problem(dead).getString("code"));
    String cleared = single(dead.cookies());
    assertTrue(cleared.startsWith("kinetic_refresh=;") && cleared.contains("Max-Age=0") && cleared.contains("Path=/api/v1/auth"), cleared);

    var none = post("/api/v1/admin/auth/refresh", sameOrigin(), null);
    assertEquals(401, none.statusCode(), none.bodyAsString());
    assertEquals("TOKEN_INVALID", GatewayFixture.problem(none).getString("code"));
  }

  @Test
  void aTokenInTheBodyAndTheCookieModeTogetherAreRefused() throws Exception {
    var both = post("/api/v1/auth/refresh", sameOrigin().add("Cookie", "kinetic_refresh=r1"), "{\"refreshToken\":\"r2\"}");
    assertEquals(400, both.statusCode(), both.bodyAsString());
    assertEquals("refreshToken", GatewayFixture.problem(both).getJsonArray("errors").getJsonObject(0).getString("field"));

    var unknownMode = post("/api/v1/auth/refresh", headers().add("X-Refresh-Token", "header"), "{\"refreshToken\":\"r2\"}");
    assertEquals(400, unknownMode.statusCode(), unknownMode.bodyAsString());
    assertEquals(0, gw.bus.count(IdentityApi.REFRESH));
  }

  @Test
  void logoutByCookieRevokesTheTokenAndClearsTheCookieOfItsRealm() throws Exception {
    var customer = post("/api/v1/auth/logout", sameOrigin().add("Cookie", "kinetic_refresh=r-out"), null);
    assertEquals(204, customer.statusCode(), customer.bodyAsString());
    assertEquals("r-out", gw.bus.<Logout>lastBody(IdentityApi.LOGOUT).refreshToken());
    assertTrue(single(customer.cookies()).matches("kinetic_refresh=;.*Max-Age=0.*"), customer.cookies().toString());

    var staff = post("/api/v1/admin/auth/logout", sameOrigin().add("Cookie", "kinetic_admin_refresh=s-out"), null);
    assertEquals(204, staff.statusCode(), staff.bodyAsString());
    assertEquals("s-out", gw.bus.<Logout>lastBody(IdentityApi.LOGOUT).refreshToken());
    assertTrue(single(staff.cookies()).startsWith("kinetic_admin_refresh=;"), staff.cookies().toString());

    var already = post("/api/v1/admin/auth/logout", sameOrigin(), null);
    assertEquals(204, already.statusCode(), "idempotent without a cookie: " + already.bodyAsString());
    assertEquals(2, gw.bus.count(IdentityApi.LOGOUT), "nothing to revoke the third time");

    var apiClient = post("/api/v1/admin/auth/logout", headers(), "{\"refreshToken\":\"s-body\"}");
    assertEquals(204, apiClient.statusCode(), apiClient.bodyAsString());
    assertEquals("s-body", gw.bus.<Logout>lastBody(IdentityApi.LOGOUT).refreshToken());
  }

  /** The Secure flag follows the connection: a browser drops a Secure cookie set over plain HTTP. */
  @Test
  void theCookieIsSecureOverTls() throws Exception {
    var certificate = SelfSignedCertificate.create("localhost");
    Router router = Router.router(gw.vertx);
    RefreshCookie cookie = RefreshCookie.of(Realm.CUSTOMER, 60);
    router.route("/set").handler(rc -> {
      cookie.set(rc, "t");
      rc.response().end();
    });
    HttpServer tls = gw.vertx.createHttpServer(new HttpServerOptions().setSsl(true).setPort(0)
        .setKeyCertOptions(certificate.keyCertOptions()))
      .requestHandler(router).listen().await(10, TimeUnit.SECONDS);
    WebClient client = WebClient.create(gw.vertx, new WebClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false));
    try {
      var response = client.get(tls.actualPort(), "localhost", "/set").send().await(30, TimeUnit.SECONDS);
      assertTrue(single(response.cookies()).contains("; Secure"), response.cookies().toString());
    } finally {
      client.close();
      tls.close().await(10, TimeUnit.SECONDS);
      certificate.delete();
    }
  }

  private static MultiMap headers() {
    return MultiMap.caseInsensitiveMultiMap();
  }

  /** What a same-origin fetch from the SPA sends. */
  private static MultiMap sameOrigin() {
    return headers().add("X-Refresh-Token", "cookie").add("Origin", self).add("Sec-Fetch-Site", "same-origin");
  }

  private static HttpResponse<Buffer> post(String uri, MultiMap headers, String body) throws Exception {
    var request = gw.http.request(HttpMethod.POST, uri).putHeaders(headers);
    if (body == null) {
      return request.send().await(10, TimeUnit.SECONDS);
    }
    return request.putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(body)).await(10, TimeUnit.SECONDS);
  }

  private static String single(List<String> cookies) {
    assertEquals(1, cookies.size(), "one Set-Cookie: " + cookies);
    return cookies.get(0);
  }
}
