package io.kinetic.identity;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Hashes and verifies passwords on worker threads. Verifying against "no account" still runs a
 * full hash (against a dummy of the same cost), so response time does not tell whether an
 * e-mail is registered.
 */
final class PasswordHasher {

  private final Vertx vertx;
  private final int iterations;
  private volatile String dummy;

  PasswordHasher(Vertx vertx, int iterations) {
    this.vertx = vertx;
    this.iterations = iterations;
  }

  /** Prepares the dummy hash, so the first unknown e-mail costs the same as every later one. */
  Future<Void> warmUp() {
    return vertx.executeBlocking(() -> dummyHash(), false).mapEmpty();
  }

  Future<String> hash(String password) {
    return vertx.executeBlocking(() -> Pbkdf2.hash(password, iterations), false);
  }

  /** Whether {@code password} matches {@code encoded}; a null {@code encoded} (no account) is never a match. */
  Future<Boolean> verify(String password, String encoded) {
    return vertx.executeBlocking(() -> {
      boolean match = Pbkdf2.verify(password, encoded == null ? dummyHash() : encoded);
      return match && encoded != null;
    }, false);
  }

  private String dummyHash() {
    String d = dummy;
    if (d == null) {
      synchronized (this) {
        if (dummy == null) {
          dummy = Pbkdf2.hash("dummy-password-" + System.nanoTime(), iterations);
        }
        d = dummy;
      }
    }
    return d;
  }
}
