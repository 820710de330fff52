package io.kinetic.kernel.contract.search;

import io.kinetic.kernel.contract.catalog.Media;
import io.kinetic.kernel.money.Money;
import java.util.UUID;

/**
 * A product in a list, slim: its name in the requested locale, its first image (or null), its
 * price range in the requested currency (null when it has no price in it), whether any variant can
 * be bought now, and a rating (null until reviews exist).
 */
public record ProductCard(UUID id, String slug, String name, Media image, Money priceMin, Money priceMax,
                          boolean available, Rating rating) {

  /** Average stars (1 to 5) and the number of ratings. */
  public record Rating(double average, int count) {
  }
}
