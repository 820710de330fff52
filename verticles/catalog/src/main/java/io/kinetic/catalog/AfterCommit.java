package io.kinetic.catalog;

import io.kinetic.kernel.outbox.OutboxRelay;
import java.util.UUID;

/**
 * What every product write does once its transaction committed, before it replies: drop the
 * product from this node's cache (so the next read after the reply sees the change), then wake
 * the outbox relay so the events (which invalidate the other nodes) go out at once.
 */
final class AfterCommit {

  private final CatalogState state;
  private final OutboxRelay relay;

  AfterCommit(CatalogState state, OutboxRelay relay) {
    this.state = state;
    this.relay = relay;
  }

  void product(UUID id, String... slugs) {
    state.cache().invalidate(id, slugs);
    relay.poke();
  }

  /** For category and attribute writes: the in-memory snapshots are reloaded by the caller first. */
  void taxonomy() {
    relay.poke();
  }
}
