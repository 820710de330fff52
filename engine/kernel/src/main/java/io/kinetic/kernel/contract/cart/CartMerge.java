package io.kinetic.kernel.contract.cart;

import java.util.List;

/** Reply to {@link MergeCarts}: the customer's cart after the merge and the lines that were capped. */
public record CartMerge(CartView cart, List<MergeAdjustment> adjustments) {
}
