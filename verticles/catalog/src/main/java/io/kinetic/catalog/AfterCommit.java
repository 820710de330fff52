package io.kinetic.catalog;

import io.kinetic.kernel.outbox.OutboxRelay;
import io.vertx.core.Vertx;
import java.util.UUID;

/**
 * What every product write does once its transaction committed, before it replies: drop the
 * product from this node's cache (so the next read after the reply sees the change), then wake
 * this node's outbox relay so the events (which invalidate the other nodes) go out at once.
 */
final class AfterCommit {

  private final CatalogState state;
  private final Vertx vertx;

  AfterCommit(CatalogState state, Vertx vertx) {
    this.state = state;
    this.vertx = vertx;
  }

  void product(UUID id, String... slugs) {
    state.cache().invalidate(id, slugs);
    OutboxRelay.poke(vertx, CatalogModule.SCHEMA);
  }

  /** For category and attribute writes: the in-memory snapshots are reloaded by the caller first. */
  void taxonomy() {
    OutboxRelay.poke(vertx, CatalogModule.SCHEMA);
  }
}
