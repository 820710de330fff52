package io.kinetic.kernel.contract.catalog;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A counter per Vert.x instance (node) that the catalog moves whenever a product may have changed
 * on this node: when one of its own writes committed, before it answers (so the next read on this
 * node, after that answer, sees the change), and when it hears another node's product, price or
 * stock event (as it drops its own cached copy). Contexts that keep what the catalog answered
 * (the cart's variants) note the counter before they ask and trust the answer only while the
 * counter has not moved: they can never show a product older than the catalog on this node would.
 */
public final class CatalogChanges implements Shareable {

  private static final String MAP = "kinetic.catalog-changes";

  private final AtomicLong generation = new AtomicLong();

  private CatalogChanges() {
  }

  /** The counter of this Vert.x instance. */
  public static CatalogChanges of(Vertx vertx) {
    LocalMap<String, CatalogChanges> map = vertx.sharedData().getLocalMap(MAP);
    return map.computeIfAbsent("node", k -> new CatalogChanges());
  }

  public long generation() {
    return generation.get();
  }

  /** Something in the catalog may have changed: whatever was read before is not to be trusted. */
  public void changed() {
    generation.incrementAndGet();
  }
}
