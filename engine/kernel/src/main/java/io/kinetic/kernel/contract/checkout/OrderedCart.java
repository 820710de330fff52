package io.kinetic.kernel.contract.checkout;

import java.util.List;
import java.util.UUID;

/**
 * The customer's cart an order was placed from, as the placement read it: the cart's id and the
 * lines the order took ({@link CartNotEmptied}). A line is known by its variant and the time it was
 * added to the cart, so a line of that variant added after the order is another line.
 */
public record OrderedCart(UUID cartId, List<OrderedCartLine> lines) {
}
