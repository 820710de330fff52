package io.kinetic.cart;

import io.kinetic.kernel.contract.cart.CartLineView;
import io.kinetic.kernel.contract.cart.CartView;
import io.kinetic.kernel.contract.catalog.ProductStatus;
import io.kinetic.kernel.contract.catalog.VariantSummary;
import io.kinetic.kernel.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;

/**
 * Prices a cart from the catalog's variants as they are now: names, images, prices and totals never
 * come from the cart's own data, which holds quantities and the prices the customer last saw only.
 */
final class CartViews {

  private CartViews() {
  }

  static CartView view(CartState cart, Map<UUID, VariantSummary> variants, long ttlMillis) {
    var lines = new ArrayList<CartLineView>(cart.lines().size());
    Money subtotal = Money.zero(cart.currency());
    int items = 0;
    boolean changes = false;
    Instant reservedUntil = null;
    for (CartState.Line line : cart.lines()) {
      VariantSummary v = variants.get(line.variantId());
      String reason = v == null ? "DELETED"
        : v.status() != ProductStatus.PUBLISHED ? "UNPUBLISHED"
        : v.price() == null ? "NO_PRICE" : null;
      boolean unavailable = reason != null;
      Money price = v == null ? null : v.price();
      Money previous = null;
      if (price != null && line.seenAmount() != null && cart.currency().equals(line.seenCurrency())
        && line.seenAmount() != price.amount()) {
        previous = Money.of(line.seenAmount(), line.seenCurrency());
      }
      int onHand = v != null ? v.onHand() : Math.max(0, line.onHand());
      int available = Math.max(0, onHand - line.reservedByOthers());
      // fewer units held for the cart than in the line, or fewer on hand now (staff lowered the stock
      // below what the cart holds: an order of the line would fail OUT_OF_STOCK)
      boolean insufficient = !unavailable && (line.reserved() < line.quantity() || (v != null && v.onHand() < line.quantity()));
      Money total = price == null ? null : price.times(line.quantity());
      if (!unavailable) {
        subtotal = subtotal.plus(total);
        items += line.quantity();
      }
      if (line.reservedUntil() != null && (reservedUntil == null || line.reservedUntil().isBefore(reservedUntil))) {
        reservedUntil = line.reservedUntil();
      }
      changes |= unavailable || insufficient || previous != null;
      lines.add(new CartLineView(line.variantId(), v == null ? null : v.sku(), v == null ? null : v.productId(),
        v == null ? null : v.productSlug(), v == null ? null : v.productName(), v == null ? Map.of() : v.options(),
        v == null ? null : v.image(), line.quantity(), line.reserved(), available, line.reservedUntil(), price, total,
        previous != null, previous, unavailable, reason, insufficient, line.addedAt(), v == null ? null : v.taxClass()));
    }
    return new CartView(cart.id(), null, cart.customerId(), cart.currency(), lines, items, subtotal, changes,
      reservedUntil, cart.updatedAt().plusMillis(ttlMillis), cart.updatedAt(), cart.version());
  }
}
