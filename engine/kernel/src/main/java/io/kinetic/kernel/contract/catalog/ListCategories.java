package io.kinetic.kernel.contract.catalog;

import java.util.List;
import java.util.UUID;

/** Reply: {@link CategoryList} of all categories, or of {@code ids} only when given (for batch loading). */
public record ListCategories(String locale, List<UUID> ids) {
}
