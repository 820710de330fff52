package io.kinetic.kernel.contract.catalog;

import io.kinetic.kernel.money.Money;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A sellable unit of a product: unique SKU, option values (size, colour), a price per currency,
 * stock on hand, and {@code available}: on hand minus the units shoppers' carts hold reserved.
 */
public record Variant(UUID id, String sku, Map<String, String> options, List<Money> prices, int stockOnHand, int available) {

  /** The price in {@code currency}, or null when the variant has none in it. */
  public Money price(String currency) {
    for (Money m : prices) {
      if (m.currency().equals(currency)) {
        return m;
      }
    }
    return null;
  }
}
