package io.kinetic.cart;

import io.kinetic.kernel.contract.catalog.CatalogChanges;
import io.kinetic.kernel.contract.catalog.VariantSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalog's answers about variants (by id, currency and locale), kept on this node while the
 * catalog here has changed nothing: an answer is used only while the node's {@link CatalogChanges}
 * counter still stands where it stood before the question was sent, and for {@link #MAX_AGE_MILLIS}
 * at most. The catalog moves that counter when one of its writes commits on this node (before it
 * answers the writer) and when it hears a product, price or stock event of another node (as it
 * drops its own copy), so after a change the next read on this node shows it, and an add usually
 * costs no bus request to the catalog. Otherwise (an event lost between nodes, a write the catalog
 * does not announce) a cart's figure is at most {@link #MAX_AGE_MILLIS} older than the catalog's.
 */
final class KnownVariants {

  /** Bounds how long an answer is used even if an event about it was lost between nodes. */
  static final long MAX_AGE_MILLIS = 3000;
  private static final int MAX_ENTRIES = 20_000;

  private record Key(UUID id, String currency, String locale) {
  }

  private record Entry(VariantSummary variant, long generation, long at) {
  }

  private final CatalogChanges changes;
  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

  KnownVariants(CatalogChanges changes) {
    this.changes = changes;
  }

  /** Where to note before asking the catalog; pass it to {@link #remember}. */
  long generation() {
    return changes.generation();
  }

  /** Puts the known ones of {@code ids} into {@code found} and answers the others. */
  List<UUID> lookup(List<UUID> ids, String currency, String locale, Map<UUID, VariantSummary> found) {
    long generation = changes.generation();
    long now = System.currentTimeMillis();
    List<UUID> missing = null;
    for (UUID id : ids) {
      Entry entry = entries.get(new Key(id, currency, locale));
      if (entry != null && entry.generation() == generation && now - entry.at() < MAX_AGE_MILLIS) {
        found.put(id, entry.variant());
      } else {
        if (missing == null) {
          missing = new ArrayList<>();
        }
        missing.add(id);
      }
    }
    return missing == null ? List.of() : missing;
  }

  /** Keeps what the catalog answered to a question sent at {@code generation}, unless the catalog changed since. */
  void remember(Map<UUID, VariantSummary> answered, String currency, String locale, long generation, long askedAt) {
    if (changes.generation() != generation) {
      return;
    }
    if (entries.size() > MAX_ENTRIES) {
      entries.clear();
    }
    answered.forEach((id, variant) -> entries.put(new Key(id, currency, locale), new Entry(variant, generation, askedAt)));
  }
}
