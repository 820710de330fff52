package io.kinetic.kernel.contract.recommendations;

import io.kinetic.kernel.contract.catalog.Media;
import io.kinetic.kernel.money.Money;
import java.util.UUID;

/**
 * A slim product card: its name in the requested locale, its first image (or null), its lowest
 * price in the requested currency (or null when it has none), and whether a shopper can buy it now.
 */
public record RecommendedProduct(UUID id, String slug, String name, Media image, Money price, boolean inStock) {
}
