package io.kinetic.kernel.contract.catalog;

/** Reply: {@link AttributeList}. */
public record ListAttributes(String locale) {
}
