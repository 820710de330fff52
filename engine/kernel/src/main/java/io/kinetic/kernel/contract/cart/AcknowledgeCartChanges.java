package io.kinetic.kernel.contract.cart;

/** The customer has seen the price changes: the lines' seen prices become the current ones. */
public record AcknowledgeCartChanges(CartRef ref, String locale) {
}
