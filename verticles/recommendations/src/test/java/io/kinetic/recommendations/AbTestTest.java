package io.kinetic.recommendations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The A/B split: stable per session, close to the configured share, off at 0. */
class AbTestTest {

  @Test
  void aSessionStaysInItsArmAndTheArmsSplitAsConfigured() {
    var ab = new AbTest(30);
    int inB = 0;
    for (int i = 0; i < 10_000; i++) {
      String session = "s" + UUID.randomUUID().toString().replace("-", "");
      String arm = ab.arm(session);
      assertEquals(arm, ab.arm(session), "the same session, the same arm");
      assertEquals(arm, new AbTest(30).arm(session), "on another node or after a restart too");
      inB += AbTest.B.equals(arm) ? 1 : 0;
    }
    assertTrue(inB > 2_700 && inB < 3_300, inB + " of 10,000 sessions in b");
    assertEquals(AbTest.A, new AbTest(0).arm("any-session-id"), "no test: everyone in a");
    assertEquals(AbTest.A, ab.arm(null), "no session: a");
  }
}
