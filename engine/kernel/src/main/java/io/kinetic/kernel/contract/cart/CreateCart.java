package io.kinetic.kernel.contract.cart;

/**
 * The caller's cart: the customer's (created when they have none), the live guest cart {@code ref}'s
 * token names (answered with that token), else a new guest cart (its new token is in the reply, and
 * only there). {@code currency}: a new cart's (null: the catalogue's default). {@code clientIp}: the
 * client's address, which may open {@code cart.newGuestCartsPerMinute} new guest carts a minute
 * (null or blank: an internal caller, not limited). Fails {@code CURRENCY_NOT_SUPPORTED}, and
 * {@code RATE_LIMITED} (with the seconds to wait) for a new guest cart over that limit.
 */
public record CreateCart(CartRef ref, String currency, String locale, String clientIp) {

  /** An internal caller's request: no client address, not limited. */
  public CreateCart(CartRef ref, String currency, String locale) {
    this(ref, currency, locale, null);
  }
}
