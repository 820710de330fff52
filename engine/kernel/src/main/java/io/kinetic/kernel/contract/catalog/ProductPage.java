package io.kinetic.kernel.contract.catalog;

import java.util.List;

/** One page of a product list; {@code nextCursor} is null on the last page. */
public record ProductPage(List<ProductView> items, String nextCursor) {
}
