package io.kinetic.kernel.contract.catalog;

import java.util.Map;
import java.util.UUID;

/** A category with every translation of its name; the tree is given by {@code parentId}. */
public record Category(UUID id, UUID parentId, String slug, Map<String, String> names, int position) {
}
