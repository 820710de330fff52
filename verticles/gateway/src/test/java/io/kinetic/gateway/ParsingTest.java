package io.kinetic.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.error.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small hand-written parsers of the hot path and the problem mapping. */
class ParsingTest {

  @Test
  void acceptLanguageGivesThePrimaryLanguageOfTheFirstTag() {
    assertEquals("de", Locales.firstLanguage("de-CH,de;q=0.9,en;q=0.8"));
    assertEquals("fr", Locales.firstLanguage("FR"));
    assertEquals("en", Locales.firstLanguage("en_GB"));
    assertNull(Locales.firstLanguage("*"));
    assertNull(Locales.firstLanguage("12,en"));
    assertNull(Locales.firstLanguage(null));
  }

  @Test
  void anExplicitLocaleMustLookLikeATag() {
    var locales = new Locales("en");
    assertEquals("de-CH", locales.resolve("de-CH", "fr"));
    assertEquals("fr", locales.resolve(null, "fr-FR"));
    assertEquals("en", locales.resolve(null, null));
    Failure failure = assertThrows(Failure.class, () -> locales.resolve("<script>", null));
    assertEquals(ErrorCode.VALIDATION_FAILED, failure.errorCode());
    assertEquals("locale", failure.errors().get(0).field());
  }

  @Test
  void correlationIdsAreSaneTokens() {
    assertTrue(CorrelationHandler.sane("req-1:2.3_4"));
    assertFalse(CorrelationHandler.sane("with space"));
    assertFalse(CorrelationHandler.sane("x".repeat(65)));
    assertFalse(CorrelationHandler.sane(""));
    String id = CorrelationHandler.newId();
    assertTrue(id.matches("[0-9a-f]{32}"), id);
    assertFalse(id.equals(CorrelationHandler.newId()));
  }

  @Test
  void jsonPointersBecomeFieldPaths() {
    assertEquals("variants[0].prices[1].amount", ValidationFailures.path("/variants/0/prices/1/amount"));
    assertEquals("", ValidationFailures.path(""));
    assertEquals("a/b", ValidationFailures.path("/a~1b"));
    // the validator's URI form: escapes decoded (UTF-8), control characters shown as '?'
    assertEquals("em ail.größe", ValidationFailures.path("/em%20ail/gr%C3%B6%C3%9Fe"));
    assertEquals("a?b", ValidationFailures.path("/a%00b"));
  }

  /** A number beyond the Java type of a record's field (which the contract's range would let through) is named with that type's range. */
  @Test
  void aNumberAFieldCannotHoldIsNamedWithItsRange() {
    var small = assertThrows(java.io.IOException.class, () -> io.kinetic.kernel.json.Json.MAPPER.readValue(
      "{\"small\":2147483648,\"large\":1}", Counts.class));
    assertEquals(List.of(new FieldError("small", "must be an integer from -2147483648 to 2147483647")), Bodies.translate(small).errors());
    var large = assertThrows(java.io.IOException.class, () -> io.kinetic.kernel.json.Json.MAPPER.readValue(
      "{\"small\":1,\"large\":18446744073709551616}", Counts.class));
    assertEquals(List.of(new FieldError("large", "must be an integer from -9223372036854775808 to 9223372036854775807")),
      Bodies.translate(large).errors());
  }

  private record Counts(int small, long large) {
  }

  /** Every integer schema of the validated contract is a 64-bit one at most; its own narrower bounds are kept. */
  @Test
  void integerSchemasGetTheRangeOfALong() {
    var schema = new JsonObject().put("type", "object").put("properties", new JsonObject()
      .put("version", new JsonObject().put("type", "integer").put("minimum", 0))
      .put("stock", new JsonObject().put("type", new JsonArray().add("integer").add("null")).put("maximum", 10))
      .put("huge", new JsonObject().put("type", "integer").put("maximum", new java.math.BigInteger("99999999999999999999")))
      .put("type", new JsonObject().put("type", "string")));
    io.kinetic.gateway.openapi.ContractLoader.bounded(schema);
    JsonObject properties = schema.getJsonObject("properties");
    assertEquals("0 to 9223372036854775807", IntegerRanges.range(properties.getJsonObject("version")));
    assertEquals("-9223372036854775808 to 10", IntegerRanges.range(properties.getJsonObject("stock")));
    assertEquals("-9223372036854775808 to 9223372036854775807", IntegerRanges.range(properties.getJsonObject("huge")));
    assertEquals(new JsonObject().put("type", "string"), properties.getJsonObject("type"));
    assertNull(IntegerRanges.range(new JsonObject().put("type", "number").put("minimum", 0).put("maximum", 1)));
    assertEquals("1 to 9", IntegerRanges.range(new JsonObject().put("type", "integer").put("exclusiveMinimum", 0.5)
      .put("minimum", 0).put("exclusiveMaximum", 10)));
    assertEquals(properties.getJsonObject("version"), IntegerRanges.at(schema, "#/properties/version"));
  }

  @Test
  void problemTypesAndTitlesComeFromTheCode() {
    var problem = Problem.of(ErrorCode.PAYLOAD_TOO_LARGE.failure("too big"), "cid");
    assertEquals("https://kinetic.dev/problems/payload-too-large", problem.type());
    assertEquals("Payload too large", problem.title());
    assertEquals(413, problem.status());
    assertEquals("cid", problem.correlationId());
  }
}
