package io.kinetic.recommendations;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The A/B split between two model configurations: {@code abSplitPercent} of the sessions are in arm
 * {@value #B}, the others (and requests without a session) in arm {@value #A}. The arm is a pure
 * function of the session id (CRC-32, the same on every node and after a restart), so a session
 * stays in its arm. Which model each arm asks first per situation is the admin's setting
 * ({@link ModelChoices}: by default arm a co-occurrence, arm b content).
 */
record AbTest(int splitPercent) {

  static final String A = "a";
  static final String B = "b";

  String arm(String sessionId) {
    if (sessionId == null || splitPercent == 0) {
      return A;
    }
    var crc = new CRC32();
    crc.update(sessionId.getBytes(StandardCharsets.UTF_8));
    return crc.getValue() % 100 < splitPercent ? B : A;
  }
}
