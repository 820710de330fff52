package io.kinetic.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
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

  @Test
  void problemTypesAndTitlesComeFromTheCode() {
    var problem = Problem.of(ErrorCode.PAYLOAD_TOO_LARGE.failure("too big"), "cid");
    assertEquals("https://kinetic.dev/problems/payload-too-large", problem.type());
    assertEquals("Payload too large", problem.title());
    assertEquals(413, problem.status());
    assertEquals("cid", problem.correlationId());
  }
}
