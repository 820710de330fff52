package io.kinetic.kernel.contract.catalog;

/** Reply: {@link io.kinetic.kernel.contract.Deleted}. Fails {@code ATTRIBUTE_IN_USE}, {@code ATTRIBUTE_NOT_FOUND}. */
public record DeleteAttribute(String code) {
}
