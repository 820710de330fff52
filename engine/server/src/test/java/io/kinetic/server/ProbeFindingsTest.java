package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a black-box probe of a running engine found, end to end through the real gateway, catalog
 * and identity: a 500 each, and anyone locking any account out with five wrong passwords.
 */
class ProbeFindingsTest {

  private static WebClient http;

  @BeforeAll
  static void start() throws Exception {
    http = RunningEngine.client();
  }

  @Test
  void aNulInRegistrationOrLoginIsA400OverRestAndGraphQl() throws Exception {
    String email = "nul-" + UUID.randomUUID() + "@example.com";
    var restName = post("/api/v1/auth/register", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\","
      + "\"name\":\"Ada\\u0000\"}");
    assertEquals(400, restName.statusCode(), restName.bodyAsString());
    assertEquals("VALIDATION_FAILED", restName.bodyAsJsonObject().getString("code"));
    var restLogin = post("/api/v1/auth/login", "{\"email\":\"a\\u0000" + email + "\",\"password\":\"correct horse battery\"}");
    assertEquals(400, restLogin.statusCode(), restLogin.bodyAsString());

    var graphql = post("/graphql", new JsonObject()
      .put("query", "mutation($in:RegisterInput!){register(input:$in){__typename}}")
      .put("variables", new JsonObject().put("in", new JsonObject()
        .put("email", "a\u0000" + email).put("password", "correct horse battery").put("name", "Ada"))).encode());
    assertEquals(200, graphql.statusCode());
    JsonObject error = graphql.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
    assertEquals("VALIDATION_FAILED", error.getJsonObject("extensions").getString("code"), graphql.bodyAsString());
  }

  @Test
  void aForgedCursorIsInvalidCursorNotA500() throws Exception {
    var first = get("/api/v1/products?limit=2");
    assertEquals(200, first.statusCode());
    String cursor = first.bodyAsJsonObject().getString("nextCursor");
    assertNotNull(cursor);
    assertEquals(200, get("/api/v1/products?limit=2&after=" + cursor).statusCode(), "a cursor the engine gave out");

    // the unkeyed CRC32 cursor an attacker could make before, with a time PostgreSQL cannot hold
    String payload = "NEWEST\n\n" + UUID.randomUUID() + "\n+294277-01-01T00:00:00Z";
    var crc = new CRC32();
    crc.update(payload.getBytes(StandardCharsets.UTF_8));
    String forged = Base64.getUrlEncoder().withoutPadding()
      .encodeToString((Long.toHexString(crc.getValue()) + "\n" + payload).getBytes(StandardCharsets.UTF_8));
    for (String bad : new String[] {forged, cursor.substring(0, cursor.length() - 3) + "AAA"}) {
      var refused = get("/api/v1/products?limit=2&after=" + bad);
      assertEquals(400, refused.statusCode(), refused.bodyAsString());
      assertEquals("INVALID_CURSOR", refused.bodyAsJsonObject().getString("code"));
    }
    var graphql = post("/graphql", new JsonObject().put("query", "query($a:String){products(first:2, after:$a){edges{cursor}}}")
      .put("variables", new JsonObject().put("a", forged)).encode());
    JsonObject result = graphql.bodyAsJsonObject();
    assertEquals("INVALID_CURSOR", result.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code"));
  }

  @Test
  void failedLoginsFromOneAddressLockOnlyThatAddressOutStaffAndCustomersAlike() throws Exception {
    String email = "lockout-" + UUID.randomUUID() + "@example.com";
    var registered = post("/api/v1/auth/register", new JsonObject().put("email", email)
      .put("password", "correct horse battery").put("name", "Ada").encode());
    assertEquals(201, registered.statusCode(), registered.bodyAsString());
    Vertx vertx = Vertx.vertx();
    try {
      // loopback addresses of their own, so that a run leaves nothing behind that the next one meets
      WebClient attacker = clientFrom(vertx, loopback());
      WebClient owner = clientFrom(vertx, loopback());
      assertOnlyTheGuesserIsLocked(attacker, owner, "/api/v1/admin/auth/login", RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD);
      assertOnlyTheGuesserIsLocked(attacker, owner, "/api/v1/auth/login", email, "correct horse battery");
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static void assertOnlyTheGuesserIsLocked(WebClient attacker, WebClient owner, String uri, String email, String password)
    throws Exception {
    for (int i = 0; i < 5; i++) {
      var wrong = login(attacker, uri, email, "wrong password " + i);
      assertEquals(401, wrong.statusCode(), uri + " " + wrong.bodyAsString());
    }
    var limited = login(attacker, uri, email, password);
    assertEquals(429, limited.statusCode(), uri + " " + limited.bodyAsString());
    assertEquals("RATE_LIMITED", limited.bodyAsJsonObject().getString("code"));
    int retryAfter = Integer.parseInt(limited.getHeader("Retry-After"));
    assertTrue(retryAfter > 0 && retryAfter <= 900, "Retry-After " + retryAfter);

    var fromElsewhere = login(owner, uri, email, password);
    assertEquals(200, fromElsewhere.statusCode(), uri + " " + fromElsewhere.bodyAsString());
    assertNotNull(fromElsewhere.bodyAsJsonObject().getString("accessToken"));
    assertEquals(200, login(http, uri, email, password).statusCode(), uri + " from 127.0.0.1");
    assertEquals(429, login(attacker, uri, email, password).statusCode(), uri + ": the guesser stays locked out");
  }

  private static HttpResponse<Buffer> login(WebClient client, String uri, String email, String password) throws Exception {
    return client.post(RunningEngine.httpPort(), "127.0.0.1", uri).putHeader("content-type", "application/json")
      .sendBuffer(Buffer.buffer(new JsonObject().put("email", email).put("password", password).encode())).await(10, TimeUnit.SECONDS);
  }

  private static WebClient clientFrom(Vertx vertx, String localAddress) {
    return WebClient.create(vertx, new WebClientOptions().setLocalAddress(localAddress));
  }

  private static String loopback() {
    var random = ThreadLocalRandom.current();
    return "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
  }

  private static HttpResponse<Buffer> get(String uri) throws Exception {
    return http.get(uri).send().await(10, TimeUnit.SECONDS);
  }

  private static HttpResponse<Buffer> post(String uri, String json) throws Exception {
    return http.post(uri).putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(json)).await(10, TimeUnit.SECONDS);
  }
}
