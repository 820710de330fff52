package io.kinetic.kernel.contract.catalog;

import java.util.List;

/** One page of the admin product list; {@code nextCursor} is null on the last page. */
public record AdminProductPage(List<Product> items, String nextCursor) {
}
