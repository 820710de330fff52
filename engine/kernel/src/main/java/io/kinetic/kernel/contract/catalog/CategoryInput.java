package io.kinetic.kernel.contract.catalog;

import java.util.Map;
import java.util.UUID;

/** A category as an admin writes it; {@code names} per locale. */
public record CategoryInput(String slug, UUID parentId, Map<String, String> names, Integer position) {
}
