package io.kinetic.kernel.contract.catalog;

/** Name and description of a product in one locale. */
public record Translation(String name, String description) {
}
