package io.kinetic.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Map;
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
  void headerTagsAreSentAndFormatBackToThemselves() {
    String body = "{\"variantId\":\"0190a3c4-0000-7000-8000-000000000001\",\"quantity\":1}";
    RequestLine line = RequestLine.parse("@header:X-Cart-Token=abc_DEF-123= POST /api/v1/cart/lines " + body);
    assertEquals(HttpMethod.POST, line.method());
    assertEquals("/api/v1/cart/lines", line.path());
    assertEquals(body, line.body());
    assertEquals(Map.of("X-Cart-Token", "abc_DEF-123="), line.headers());
    assertFalse(line.write());
    assertEquals(line, RequestLine.parse(line.format()));

    RequestLine both = RequestLine.parse("@write @header:X-A=1 @header:X-B=2 GET /api/v1/cart");
    assertTrue(both.write());
    assertEquals(Map.of("X-A", "1", "X-B", "2"), both.headers());
    assertEquals("@write @header:X-A=1 @header:X-B=2 GET /api/v1/cart", both.format());
    assertEquals(both, RequestLine.parse(both.format()));
    assertEquals(Map.of(), RequestLine.parse("GET /api/v1/products").headers());
  }

  @Test
  void withHeaderKeepsTheRestOfTheLine() {
    RequestLine line = RequestLine.get("/api/v1/cart").withHeader("X-Cart-Token", "t0k");
    assertEquals("@header:X-Cart-Token=t0k GET /api/v1/cart", line.format());
    assertThrows(IllegalArgumentException.class, () -> line.withHeader("X-Bad", "two words"));
    assertThrows(IllegalArgumentException.class, () -> line.withHeader("Bad Name", "v"));
  }

  @Test
  void rejectsUnknownTagsAndEmptyHeaders() {
    assertThrows(IllegalArgumentException.class, () -> RequestLine.parse("@read GET /x"));
    assertThrows(IllegalArgumentException.class, () -> RequestLine.parse("@header:X-Cart-Token= GET /x"));
    assertThrows(IllegalArgumentException.class, () -> RequestLine.parse("@header:=v GET /x"));
    assertThrows(IllegalArgumentException.class, () -> RequestLine.parse("@header:X-A=1"));
  }

  @Test
  void rejectsMalformedLines() {
    assertThrows(IllegalArgumentException.class, () -> RequestLine.parse("GET"));
    assertThrows(IllegalArgumentException.class, () -> RequestLine.parse("GET api/v1"));
    assertThrows(IllegalArgumentException.class, () -> RequestLine.parse("GET /x {\"a\":1}"));
  }
}
