package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a black-box probe of a running engine found, end to end through the real gateway, catalog
 * and identity: each used to be a 500.
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

  private static HttpResponse<Buffer> get(String uri) throws Exception {
    return http.get(uri).send().await(10, TimeUnit.SECONDS);
  }

  private static HttpResponse<Buffer> post(String uri, String json) throws Exception {
    return http.post(uri).putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(json)).await(10, TimeUnit.SECONDS);
  }
}
