package io.kinetic.kernel.contract.catalog;

/** Creates or replaces an attribute definition. Reply: {@link Attribute}. Fails {@code VALIDATION_FAILED}. */
public record DefineAttribute(AttributeInput input) {
}
