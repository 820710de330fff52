package io.kinetic.catalog;

import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.outbox.OutboxRelay;
import io.vertx.core.Vertx;
import java.util.UUID;

/**
 * What every catalog write does once its transaction committed, before it replies: drop the
 * product from this node's cache and retire the list pages the write can have changed
 * ({@link ListRules}), so the next read on this node after the reply sees it; then wake this
 * node's outbox relay so the events (which do the same on the other nodes) go out at once.
 */
final class AfterCommit {

  private final CatalogState state;
  private final Vertx vertx;

  AfterCommit(CatalogState state, Vertx vertx) {
    this.state = state;
    this.vertx = vertx;
  }

  /** Created, replaced, or a variant added or removed: {@code after} is the product as committed. */
  void productChanged(Product after, String... slugs) {
    state.cache().invalidate(after.id(), slugs);
    state.lists().retire(ListRules.moved(after.id(), after, null));
    state.committed(after.id(), after.version());
    poke();
  }

  void productDeleted(UUID id, String slug) {
    state.cache().invalidate(id, slug);
    state.lists().retire(ListRules.moved(id, null, null));
    state.committed(id, Long.MAX_VALUE);
    poke();
  }

  /** A price in {@code currency} changed: only pages sorted or filtered by price in it can change. */
  void priceChanged(Product after, String currency) {
    state.cache().invalidate(after.id(), after.slug());
    state.lists().retire(ListRules.moved(after.id(), after, currency));
    state.committed(after.id(), after.version());
    poke();
  }

  /** Stock decides no page: the product alone is dropped. */
  void stockChanged(Product after) {
    state.cache().invalidate(after.id(), after.slug());
    state.committed(after.id(), after.version());
    poke();
  }

  /** For category and attribute writes: the in-memory snapshots are reloaded by the caller first. */
  void taxonomy() {
    poke();
  }

  private void poke() {
    OutboxRelay.poke(vertx, CatalogModule.SCHEMA);
  }
}
