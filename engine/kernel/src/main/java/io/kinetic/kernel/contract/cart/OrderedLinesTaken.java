package io.kinetic.kernel.contract.cart;

/** The answer to {@link TakeOrderedLines}: {@code changed} when the cart held lines of the order and lost them now. */
public record OrderedLinesTaken(boolean changed) {
}
