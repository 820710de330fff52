package io.kinetic.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    String body = Scenarios.graphqlBody("red shoe");
    RequestLine line = RequestLine.parse("POST /graphql " + body);
    assertEquals(HttpMethod.POST, line.method());
    assertEquals("/graphql", line.path());
    assertEquals("red shoe", new JsonObject(line.body()).getJsonObject("variables").getString("s"));
    assertEquals(body, line.bodyBuffer().toString());
  }

  @Test
  void aWriteLineIsTaggedAndFormatsBackToItself() {
    RequestLine line = RequestLine.parse("@write PUT /api/v1/admin/variants/KC1-M-RED/stock {\"onHand\": 5}");
    assertTrue(line.write());
    assertEquals(HttpMethod.PUT, line.method());
    assertEquals("/api/v1/admin/variants/KC1-M-RED/stock", line.path());
    assertEquals("{\"onHand\": 5}", line.body());
    assertEquals(line, RequestLine.parse(line.format()));
    assertFalse(RequestLine.parse("GET /api/v1/products").write());
  }

  @Test
  void rejectsMalformedLines() {
    assertThrows(IllegalArgumentException.class, () -> RequestLine.parse("GET"));
    assertThrows(IllegalArgumentException.class, () -> RequestLine.parse("GET api/v1"));
    assertThrows(IllegalArgumentException.class, () -> RequestLine.parse("GET /x {\"a\":1}"));
  }
}
