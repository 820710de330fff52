package io.kinetic.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.contract.identity.CustomerView;
import io.kinetic.kernel.contract.identity.Login;
import io.kinetic.kernel.contract.identity.RegisterCustomer;
import io.kinetic.kernel.contract.identity.Tokens;
import io.kinetic.kernel.error.Failure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client address the login and registration limits key on, through the routes: the TCP peer,
 * unless the peer is a trusted proxy; then the right-most untrusted address of the configured header.
 */
class ClientAddressTest {

  private static final String LOGIN = "{\"email\":\"ada@example.com\",\"password\":\"right\"}";
  /** The tests connect from 127.0.0.1: the proxy in front of the gateway. */
  private static GatewayFixture untrusting;
  private static GatewayFixture behindProxies;
  private static GatewayFixture behindRfc7239Proxy;

  @BeforeAll
  static void start() throws Exception {
    untrusting = GatewayFixture.start();
    behindProxies = GatewayFixture.start(new JsonObject().put("http", new JsonObject()
      .put("trustedProxies", new JsonArray().add("127.0.0.1").add("10.0.0.0/8"))));
    behindRfc7239Proxy = GatewayFixture.start(new JsonObject().put("http", new JsonObject()
      .put("trustedProxies", "127.0.0.1/32, 2001:db8:ffff::/48").put("clientIpHeader", "Forwarded")));
    for (GatewayFixture gw : new GatewayFixture[] {untrusting, behindProxies, behindRfc7239Proxy}) {
      gw.bus.<Login>on(IdentityApi.LOGIN, l -> new Tokens("access", "refresh", "Bearer", 900));
      gw.bus.<RegisterCustomer>on(IdentityApi.REGISTER_CUSTOMER, r -> r.email().startsWith("limited")
        ? Failure.rateLimited("too many registrations", 1234)
        : new CustomerView(UUID.randomUUID(), r.email(), r.name(), Instant.now()));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (GatewayFixture gw : new GatewayFixture[] {untrusting, behindProxies, behindRfc7239Proxy}) {
      if (gw != null) {
        gw.close();
      }
    }
  }

  @Test
  void withoutTrustedProxiesForwardingHeadersAreIgnored() throws Exception {
    assertEquals("127.0.0.1", clientIp(untrusting, "X-Forwarded-For", "203.0.113.9"));
    assertEquals("127.0.0.1", clientIp(untrusting, "Forwarded", "for=203.0.113.9"));
  }

  @Test
  void behindATrustedProxyTheRightMostUntrustedAddressIsTheClient() throws Exception {
    assertEquals("198.51.100.7", clientIp(behindProxies, "X-Forwarded-For", "198.51.100.7, 10.1.2.3"));
    assertEquals("198.51.100.7", clientIp(behindProxies, "X-Forwarded-For", "6.6.6.6, 198.51.100.7"),
      "what the client wrote left of the proxy's entry is ignored");
    assertEquals("198.51.100.7", clientIp(behindProxies, "X-Forwarded-For", "198.51.100.7:51234"));
    assertEquals("2001:db8::1", clientIp(behindProxies, "X-Forwarded-For", "[2001:db8:0::1]:4711"));
    assertEquals("10.9.9.9", clientIp(behindProxies, "X-Forwarded-For", "10.9.9.9, 10.0.0.5"),
      "only proxies in the chain: the left-most one");
    assertEquals("127.0.0.1", clientIp(behindProxies, "X-Forwarded-For", "unknown"),
      "an unusable hop: the proxy that recorded it");
    assertEquals("127.0.0.1", clientIp(behindProxies, null, null));
    assertEquals("127.0.0.1", clientIp(behindProxies, "Forwarded", "for=198.51.100.7"),
      "only the configured header is read");
  }

  @Test
  void severalHeaderLinesAreOneChainInOrder() throws Exception {
    var response = behindProxies.http.post("/api/v1/auth/login").putHeader("content-type", "application/json")
      .putHeader("X-Forwarded-For", java.util.List.of("6.6.6.6", "198.51.100.8, 10.0.0.1"))
      .sendBuffer(io.vertx.core.buffer.Buffer.buffer(LOGIN)).await(10, TimeUnit.SECONDS);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals("198.51.100.8", behindProxies.bus.<Login>lastBody(IdentityApi.LOGIN).clientIp());
  }

  @Test
  void theGraphQlLoginUsesTheSameAddress() throws Exception {
    var response = behindProxies.http.post("/graphql").putHeader("X-Forwarded-For", "203.0.113.50")
      .sendJsonObject(new JsonObject().put("query",
        "mutation{login(email:\"ada@example.com\", password:\"right\"){__typename}}"))
      .await(10, TimeUnit.SECONDS);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals("203.0.113.50", behindProxies.bus.<Login>lastBody(IdentityApi.LOGIN).clientIp());
  }

  @Test
  void rfc7239ForwardedIsReadWhenConfigured() throws Exception {
    assertEquals("2001:db8:cafe::17", clientIp(behindRfc7239Proxy, "Forwarded",
      "for=192.0.2.60;proto=http, For=\"[2001:db8:cafe::17]:4711\", for=\"[2001:db8:ffff::2]\";by=_proxy"));
    assertEquals("192.0.2.43", clientIp(behindRfc7239Proxy, "Forwarded", "proto=https;for=192.0.2.43"));
    assertEquals("127.0.0.1", clientIp(behindRfc7239Proxy, "Forwarded", "for=_hidden"));
    assertEquals("127.0.0.1", clientIp(behindRfc7239Proxy, "X-Forwarded-For", "198.51.100.7"));
  }

  @Test
  void registrationIsLimitedPerClientAddressWithRetryAfter() throws Exception {
    var created = behindProxies.http.post("/api/v1/auth/register").putHeader("X-Forwarded-For", "203.0.113.77")
      .sendJsonObject(new JsonObject().put("email", "ada@example.com").put("password", "long enough password").put("name", "Ada"))
      .await(10, TimeUnit.SECONDS);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    assertEquals("203.0.113.77", behindProxies.bus.<RegisterCustomer>lastBody(IdentityApi.REGISTER_CUSTOMER).clientIp());

    var limited = behindProxies.send("POST", "/api/v1/auth/register", null,
      "{\"email\":\"limited@example.com\",\"password\":\"long enough password\",\"name\":\"Bo\"}");
    assertEquals(429, limited.statusCode());
    assertEquals("RATE_LIMITED", GatewayFixture.problem(limited).getString("code"));
    assertEquals("1234", limited.getHeader("Retry-After"));

    var smuggled = untrusting.send("POST", "/api/v1/auth/register", null,
      "{\"email\":\"ada@example.com\",\"password\":\"long enough password\",\"name\":\"Ada\",\"clientIp\":\"1.2.3.4\"}");
    assertEquals(400, smuggled.statusCode(), "the client address never comes from the body");

    var graphql = behindProxies.http.post("/graphql").putHeader("X-Forwarded-For", "203.0.113.78")
      .sendJsonObject(new JsonObject().put("query",
        "mutation{register(input:{email:\"gq@example.com\", password:\"long enough password\", name:\"G\"}){__typename}}"))
      .await(10, TimeUnit.SECONDS);
    assertEquals(200, graphql.statusCode(), graphql.bodyAsString());
    assertEquals("203.0.113.78", behindProxies.bus.<RegisterCustomer>lastBody(IdentityApi.REGISTER_CUSTOMER).clientIp());
  }

  private static String clientIp(GatewayFixture gw, String header, String value) throws Exception {
    var request = gw.http.post("/api/v1/admin/auth/login").putHeader("content-type", "application/json");
    if (header != null) {
      request.putHeader(header, value);
    }
    var response = request.sendBuffer(io.vertx.core.buffer.Buffer.buffer(LOGIN)).await(10, TimeUnit.SECONDS);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return gw.bus.<Login>lastBody(IdentityApi.LOGIN).clientIp();
  }
}
