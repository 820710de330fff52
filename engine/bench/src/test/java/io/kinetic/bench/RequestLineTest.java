package io.kinetic.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class RequestLineTest {

  @Test
  void parsesGet() {
    RequestLine line = RequestLine.parse("GET /api/v1/products?limit=20&sort=newest");
    assertEquals(HttpMethod.GET, line.method());
    assertEquals("/api/v1/products?limit=20&sort=newest", line.path());
    assertNull(line.body());
  }

  @Test
  void postKeepsTheWholeJsonBodyIncludingSpaces() {
    String body = Targets.graphqlBody("red shoe");
    RequestLine line = RequestLine.parse("POST /graphql " + body);
    assertEquals(HttpMethod.POST, line.method());
    assertEquals("/graphql", line.path());
    assertEquals("red shoe", new JsonObject(line.body()).getJsonObject("variables").getString("s"));
    assertEquals(body, line.bodyBuffer().toString());
  }

  @Test
  void rejectsMalformedLines() {
    assertThrows(IllegalArgumentException.class, () -> RequestLine.parse("GET"));
    assertThrows(IllegalArgumentException.class, () -> RequestLine.parse("GET api/v1"));
    assertThrows(IllegalArgumentException.class, () -> RequestLine.parse("GET /x {\"a\":1}"));
  }
}
