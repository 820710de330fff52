package io.kinetic.catalog;

import io.kinetic.catalog.ListCache.Page;
import io.kinetic.catalog.ListCache.Position;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.ProductSort;
import io.kinetic.kernel.contract.catalog.Variant;
import io.kinetic.kernel.money.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Which cached list pages a write can change. A page is the first {@code limit + 1} rows after its
 * cursor that pass its filters, in its sort order; a write changes one product, so it changes a
 * page only if that product was on it (or was its peek row) before the write, or is on it after.
 *
 * <ul>
 *   <li><b>Stock</b> is neither a filter nor a sort key: a stock write retires no page (the
 *       product, with its stock, is re-read from the product cache on every listing).</li>
 *   <li><b>A price</b> in currency C can only change pages that sort by price in C or filter a
 *       price range in C: of those, the pages that {@linkplain #holding hold} the product, and the
 *       pages it {@linkplain #entering enters} with its new price.</li>
 *   <li><b>Any other product write</b> (create, update, publish/unpublish, categories, attributes,
 *       variants added or removed) and a delete: every page that holds the product, and every page
 *       it enters as it is now (none after a delete).</li>
 *   <li><b>A category change</b> retires every page filtered by category (the subtrees moved);
 *       attribute definitions change no product and retire nothing.</li>
 * </ul>
 *
 * <p>"Enters" checks the page's status, category subtree, attribute values, price range and
 * currency, then whether the product's sort key falls between the page's cursor and its peek row.
 * Creation time and prices compare exactly as PostgreSQL orders them (ids as unsigned bytes); names
 * sort by the database's collation, which Java cannot reproduce, so a NAME page that passes the
 * filters is always taken as entered. Where a rule is unsure it retires: that only costs a query.
 */
final class ListRules {

  private ListRules() {
  }

  /** Pages that held {@code productId}; with {@code priceCurrency}, only those whose content a price in it decides. */
  static Predicate<Page> holding(UUID productId, String priceCurrency) {
    return page -> inScope(page, priceCurrency) && page.holds(productId);
  }

  /** Pages that {@code product}, as it is now, belongs on; with {@code priceCurrency}, only those a price in it decides. */
  static Predicate<Page> entering(Product product, String priceCurrency) {
    return page -> inScope(page, priceCurrency) && enters(page, product);
  }

  /** {@link #holding} or {@link #entering}; {@code after} null for a deleted product. */
  static Predicate<Page> moved(UUID productId, Product after, String priceCurrency) {
    Predicate<Page> holding = holding(productId, priceCurrency);
    return after == null ? holding : holding.or(entering(after, priceCurrency));
  }

  static Predicate<Page> categoryFiltered() {
    return page -> page.key().categoryId() != null;
  }

  private static boolean inScope(Page page, String priceCurrency) {
    return priceCurrency == null || page.key().dependsOnPrice(priceCurrency);
  }

  static boolean enters(Page page, Product p) {
    var key = page.key();
    if (key.status() != null && p.status() != key.status()) {
      return false;
    }
    if (page.categories() != null && p.categoryIds().stream().noneMatch(page.categories()::contains)) {
      return false;
    }
    if (page.attributeValues() != null && !attributesMatch(page.attributeValues(), p.attributes())) {
      return false;
    }
    Long minPrice = minPrice(p.variants(), key.currency());
    boolean priceSort = key.sort() == ProductSort.PRICE_ASC || key.sort() == ProductSort.PRICE_DESC;
    if (priceSort && minPrice == null) {
      return false;
    }
    if ((key.minPrice() != null || key.maxPrice() != null) && !anyPriceIn(p.variants(), key)) {
      return false;
    }
    Position at = switch (key.sort()) {
      case NEWEST -> new Position(p.createdAt(), p.id());
      case PRICE_ASC, PRICE_DESC -> new Position(minPrice, p.id());
      case NAME -> null;
    };
    return at == null
      || (page.from() == null || before(key.sort(), page.from(), at)) && (page.peek() == null || before(key.sort(), at, page.peek()));
  }

  /** Whether {@code a} comes before {@code b} in {@code sort} (NEWEST and the price sorts only). */
  static boolean before(ProductSort sort, Position a, Position b) {
    int keys = switch (sort) {
      case NEWEST -> ((Instant) b.key()).compareTo((Instant) a.key());
      case PRICE_ASC -> Long.compare((Long) a.key(), (Long) b.key());
      case PRICE_DESC -> Long.compare((Long) b.key(), (Long) a.key());
      case NAME -> throw new IllegalArgumentException("names sort by the database's collation");
    };
    if (keys != 0) {
      return keys < 0;
    }
    int ids = compareAsPostgres(a.id(), b.id());
    return sort == ProductSort.PRICE_ASC ? ids < 0 : ids > 0;
  }

  /** PostgreSQL orders uuids by their 16 bytes, unsigned. */
  static int compareAsPostgres(UUID a, UUID b) {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }

  static Long minPrice(Collection<Variant> variants, String currency) {
    Long min = null;
    for (Variant v : variants) {
      Money price = v.price(currency);
      if (price != null && (min == null || price.amount() < min)) {
        min = price.amount();
      }
    }
    return min;
  }

  private static boolean anyPriceIn(Collection<Variant> variants, ListCache.Key key) {
    for (Variant v : variants) {
      Money price = v.price(key.currency());
      if (price != null && (key.minPrice() == null || price.amount() >= key.minPrice())
        && (key.maxPrice() == null || price.amount() <= key.maxPrice())) {
        return true;
      }
    }
    return false;
  }

  /** The product's attributes contain every wanted value (numbers compared by value, as jsonb does). */
  private static boolean attributesMatch(Map<String, Object> wanted, Map<String, Object> actual) {
    for (var entry : wanted.entrySet()) {
      Object value = actual.get(entry.getKey());
      if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
        continue;
      }
      boolean equal = entry.getValue() instanceof BigDecimal number
        ? value instanceof Number n && new BigDecimal(n.toString()).compareTo(number) == 0
        : entry.getValue().equals(value);
      if (!equal) {
        return false;
      }
    }
    return true;
  }
}
