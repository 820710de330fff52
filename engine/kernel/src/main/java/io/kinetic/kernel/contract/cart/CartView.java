package io.kinetic.kernel.contract.cart;

import io.kinetic.kernel.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A cart priced from the catalog now. {@code token}: the guest token, only in the reply that created
 * the cart, and in {@code CreateCart}'s reply of the caller's live guest cart (the token the caller sent). {@code subtotal} sums the lines that can be bought (priced and available);
 * {@code itemCount} counts their units. {@code reservedUntil}: when the earliest reservation of the
 * cart lapses unless the cart changes again; {@code expiresAt}: when the cart itself is dropped
 * after inactivity. {@code hasChanges}: some line is flagged.
 */
public record CartView(
  UUID id,
  String token,
  UUID customerId,
  String currency,
  List<CartLineView> lines,
  int itemCount,
  Money subtotal,
  boolean hasChanges,
  Instant reservedUntil,
  Instant expiresAt,
  Instant updatedAt,
  long version) {

  public CartView withToken(String token) {
    return new CartView(id, token, customerId, currency, lines, itemCount, subtotal, hasChanges, reservedUntil,
      expiresAt, updatedAt, version);
  }
}
