package io.kinetic.kernel.contract.catalog;

import java.util.UUID;

/** Creates ({@code id} null) or updates a category. Reply: {@link Category}. Fails {@code SLUG_TAKEN}, {@code CATEGORY_NOT_FOUND}, {@code VALIDATION_FAILED} (also for a cycle). */
public record SaveCategory(UUID id, CategoryInput input) {
}
