package io.kinetic.kernel.contract.catalog;

/** An image of a product, in display order. */
public record Media(String url, String alt) {
}
