package io.kinetic.kernel.contract.checkout;

import io.kinetic.kernel.contract.catalog.Media;
import io.kinetic.kernel.money.Money;
import java.util.Map;
import java.util.UUID;

/**
 * A line of a quote or an order: the variant as the catalog described it, the quantity, the unit
 * price (as the catalogue shows it: gross when prices include tax) and the line's net, tax and
 * gross, with the tax rate applied in basis points (1900 = 19 %).
 */
public record PricedLine(UUID variantId, String sku, UUID productId, String productSlug, String productName,
                         Map<String, String> options, Media image, int quantity, Money unitPrice, Money net, Money tax,
                         Money gross, int taxRate, String taxClass) {
}
