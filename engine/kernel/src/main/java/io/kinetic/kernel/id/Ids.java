package io.kinetic.kernel.id;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.UUID;

/**
 * Identifiers: time-ordered UUIDs (version 7), so new rows land at the end of B-tree indexes,
 * and a lenient parser for ids that arrive from the outside.
 */
public final class Ids {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {
  }

  /** A new UUIDv7: 48 bits of Unix milliseconds, then random bits. */
  public static UUID newId() {
    long millis = System.currentTimeMillis();
    long randA = RANDOM.nextInt(1 << 12);
    long msb = (millis << 16) | (0x7L << 12) | randA;
    long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  /** Parses a canonical 36-character UUID; empty for anything else (never throws). */
  public static Optional<UUID> parse(String text) {
    if (text == null || text.length() != 36) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
