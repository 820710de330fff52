package io.kinetic.kernel.contract.checkout;

import java.util.List;

/** A page of orders, newest first; {@code nextCursor} null on the last page. */
public record OrderPage(List<OrderSummary> items, String nextCursor) {
}
