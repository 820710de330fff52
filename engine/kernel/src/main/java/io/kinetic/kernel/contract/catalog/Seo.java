package io.kinetic.kernel.contract.catalog;

/** Search-engine title and description; empty fields fall back to the product's name/description. */
public record Seo(String title, String description) {
}
