package io.kinetic.recommendations;

import io.kinetic.kernel.contract.recommendations.RecommendedProduct;
import io.kinetic.recommendations.model.ContentSimilarity;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The catalog as the recommender sees it, in memory on its event loop: the products (from the
 * catalog's export at start, then its event log) and their content similarity, which is recomputed
 * for a product whenever it changes. Unpublished products stay known (a product published later
 * needs no reload) but are never recommended.
 */
final class CatalogProjection {

  private final Map<UUID, CatalogItem> items = new HashMap<>();
  /** Derived lists, dropped whenever the catalogue changes. */
  private List<UUID> coldStart;
  private final Map<UUID, List<UUID>> categories = new HashMap<>();
  /** The products' cards per locale and currency, dropped when a product changes. */
  private final Map<UUID, Map<String, RecommendedProduct>> cards = new HashMap<>();
  private final ContentSimilarity content;
  private final String currency;

  CatalogProjection(ContentSimilarity content, String currency) {
    this.content = content;
    this.currency = currency;
  }

  /** A new or changed product; answers the products whose content neighbours changed. */
  Set<UUID> put(CatalogItem item) {
    changed();
    CatalogItem old = items.put(item.id(), item);
    cards.remove(item.id());
    if (old != null && old.features(currency).equals(item.features(currency))) {
      return Set.of(item.id());
    }
    return content.update(item.features(currency));
  }

  Set<UUID> remove(UUID id) {
    changed();
    items.remove(id);
    cards.remove(id);
    return content.remove(id);
  }

  /** A variant's availability changed; answers whether the product's "in stock" flipped. */
  boolean available(UUID product, UUID variant, int units) {
    CatalogItem item = items.get(product);
    if (item == null) {
      return false;
    }
    CatalogItem changed = item.withAvailable(variant, units);
    items.put(product, changed);
    // the cold start and category lists hold published products whatever their stock: kept
    cards.remove(product);
    return item.inStock() != changed.inStock();
  }

  /**
   * A copy of the products without content similarity (its lists are copied apart): what an
   * evaluation off the event loop filters and re-ranks with.
   */
  static CatalogProjection copyOf(Collection<CatalogItem> items, String currency) {
    var copy = new CatalogProjection(null, currency);
    items.forEach(i -> copy.items.put(i.id(), i));
    return copy;
  }

  CatalogItem get(UUID id) {
    return items.get(id);
  }

  /**
   * A published product's card in a locale and currency (null for a draft or an unknown product),
   * built once per product, locale and currency until the product changes.
   */
  RecommendedProduct card(UUID id, String locale, String currency) {
    CatalogItem item = items.get(id);
    if (item == null || !item.published()) {
      return null;
    }
    Map<String, RecommendedProduct> byLocale = cards.computeIfAbsent(id, p -> new HashMap<>(4));
    String key = locale + '|' + currency;
    RecommendedProduct card = byLocale.get(key);
    if (card == null) {
      card = item.card(locale, currency);
      if (byLocale.size() < 16) {
        byLocale.put(key, card);
      }
    }
    return card;
  }

  boolean recommendable(UUID id) {
    CatalogItem item = items.get(id);
    return item != null && item.published();
  }

  Collection<CatalogItem> all() {
    return items.values();
  }

  /** The published products of a category (its direct members), by slug. */
  List<UUID> inCategory(UUID category) {
    return categories.computeIfAbsent(category, c -> items.values().stream()
      .filter(i -> i.published() && i.categoryIds().contains(c))
      .sorted(Comparator.comparing(CatalogItem::slug)).map(CatalogItem::id).toList());
  }

  /** Every published product by slug: what a cold start shows when no model has anything. */
  List<UUID> coldStart() {
    if (coldStart == null) {
      coldStart = items.values().stream().filter(CatalogItem::published).sorted(Comparator.comparing(CatalogItem::slug))
        .map(CatalogItem::id).toList();
    }
    return coldStart;
  }

  private void changed() {
    coldStart = null;
    categories.clear();
  }

  int size() {
    return items.size();
  }
}
