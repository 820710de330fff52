package io.kinetic.identity;

import io.kinetic.kernel.config.AppConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

/**
 * Hashes and verifies passwords on a bounded pool of its own ({@value #POOL}, {@code
 * auth.hashWorkers} threads, 0: one per core), shared by every user of it in one Vert.x: a burst of
 * logins queues there and cannot take the Vert.x worker pool that other blocking work (contract
 * validation, payment calls) needs. Verifying against "no account" still runs a full hash (against
 * a dummy of the same cost), so response time does not tell whether an e-mail is registered.
 */
final class PasswordHasher {

  static final String POOL = "kinetic-password-hashing";

  private final WorkerExecutor pool;
  private final int iterations;
  private volatile String dummy;

  PasswordHasher(Vertx vertx, AppConfig.Auth auth) {
    this.pool = vertx.createSharedWorkerExecutor(POOL, AppConfig.instances(auth.hashWorkers()));
    this.iterations = auth.passwordIterations();
  }

  /** Prepares the dummy hash, so the first unknown e-mail costs the same as every later one. */
  Future<Void> warmUp() {
    return pool.executeBlocking(() -> dummyHash(), false).mapEmpty();
  }

  Future<String> hash(String password) {
    return pool.executeBlocking(() -> Pbkdf2.hash(password, iterations), false);
  }

  /** Whether {@code password} matches {@code encoded}; a null {@code encoded} (no account) is never a match. */
  Future<Boolean> verify(String password, String encoded) {
    return pool.executeBlocking(() -> {
      boolean match = Pbkdf2.verify(password, encoded == null ? dummyHash() : encoded);
      return match && encoded != null;
    }, false);
  }

  /** Releases this user's share of the pool (the threads go when the last user closes). */
  Future<Void> close() {
    return pool.close();
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
