package io.kinetic.kernel.contract.catalog;

/** Only {@link #PUBLISHED} products are visible to customers. */
public enum ProductStatus { DRAFT, PUBLISHED }
