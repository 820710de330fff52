package io.kinetic.kernel.contract.cart;

import io.kinetic.kernel.contract.catalog.Media;
import io.kinetic.kernel.money.Money;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A cart line as the customer sees it, everything but {@code quantity} read from the catalog now.
 * {@code unitPrice}/{@code lineTotal} null: no price in the cart's currency. {@code reserved}: units
 * held for this cart until {@code reservedUntil}; {@code available}: units this cart could have in
 * all (on hand minus other carts' reservations). Flags: {@code priceChanged} (since the customer
 * last saw the line; {@code previousUnitPrice} is what they saw), {@code unavailable} with
 * {@code unavailableReason} ({@code UNPUBLISHED}, {@code DELETED}, {@code NO_PRICE}), and
 * {@code insufficientStock} (fewer units reserved than in the line, the reservation expired or the
 * stock went down, or fewer units on hand than in the line). {@code taxClass}: the product's (which VAT rate checkout applies).
 */
public record CartLineView(
  UUID variantId,
  String sku,
  UUID productId,
  String productSlug,
  String productName,
  Map<String, String> options,
  Media image,
  int quantity,
  int reserved,
  int available,
  Instant reservedUntil,
  Money unitPrice,
  Money lineTotal,
  boolean priceChanged,
  Money previousUnitPrice,
  boolean unavailable,
  String unavailableReason,
  boolean insufficientStock,
  Instant addedAt,
  String taxClass) {
}
