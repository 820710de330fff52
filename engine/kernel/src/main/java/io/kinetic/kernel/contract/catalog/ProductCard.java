package io.kinetic.kernel.contract.catalog;

import io.kinetic.kernel.money.Money;
import java.util.UUID;

/**
 * A product in a list (storefront lists, search results), slim: its name in the requested locale,
 * its first image (or null), its price range in the requested currency (null when it has no price
 * in it), whether any variant can be bought now and how much is left as a level
 * ({@link #IN_STOCK}, {@link #LOW}, {@link #SOLD_OUT}: never an exact count), and a rating (null
 * until reviews exist). No description, attributes or variants: the product page has those.
 */
public record ProductCard(UUID id, String slug, String name, Media image, Money priceMin, Money priceMax,
                          boolean available, String availability, Rating rating) {

  public static final String IN_STOCK = "in_stock";
  public static final String LOW = "low";
  public static final String SOLD_OUT = "sold_out";
  /** At most this many units available over all variants (and some): {@link #LOW}; the default of {@code catalog.lowStockThreshold}. */
  public static final long LOW_STOCK = 5;

  /** Average stars (1 to 5) and the number of ratings. */
  public record Rating(double average, int count) {
  }

  /** The level of {@code units} available over a product's variants ({@link #LOW_STOCK} as the threshold). */
  public static String level(long units) {
    return level(units, LOW_STOCK);
  }

  /** The level of {@code units}: at most {@code lowStock} (and some) is {@link #LOW}. */
  public static String level(long units, long lowStock) {
    return units <= 0 ? SOLD_OUT : units <= lowStock ? LOW : IN_STOCK;
  }

  /** The card of a storefront product ({@link #LOW_STOCK} as the threshold). */
  public static ProductCard of(ProductView view, String currency) {
    return of(view, currency, LOW_STOCK);
  }

  /** The card of a storefront product: prices in {@code currency}, the first image, low at {@code lowStock} units or fewer. */
  public static ProductCard of(ProductView view, String currency, long lowStock) {
    Money min = null;
    Money max = null;
    long units = 0;
    for (Variant v : view.variants()) {
      units += Math.max(0, v.available());
      Money price = v.price(currency);
      if (price != null) {
        min = min == null || price.amount() < min.amount() ? price : min;
        max = max == null || price.amount() > max.amount() ? price : max;
      }
    }
    Media image = view.media() == null || view.media().isEmpty() ? null : view.media().get(0);
    return new ProductCard(view.id(), view.slug(), view.name(), image, min, max, units > 0, level(units, lowStock), null);
  }
}
