package io.kinetic.kernel.contract.cart;

import io.kinetic.kernel.contract.checkout.OrderedCart;
import java.util.UUID;

/**
 * Takes the lines an order took out of the cart, when the placement could not empty the cart
 * itself (Redis unreachable at that moment): a line is the order's when it was added at the time
 * the order read (units added to it later stay, as do lines added later), so asking twice, or
 * after the cart was emptied, changes nothing. A cart that is gone, or another one now, is left
 * alone. The order's claim on the cart ({@link ClaimCart}) ends. A cart without its id and lines
 * without their times: a request repeated after its placement died before it emptied the cart; the
 * lines are taken only while the order's claim is still on the cart, each line of an ordered
 * variant losing the units ordered.
 */
public record TakeOrderedLines(CartRef ref, UUID orderId, OrderedCart cart) {
}
