package io.kinetic.kernel.contract.catalog;

import java.util.UUID;

/** A category in one locale. */
public record CategoryView(UUID id, UUID parentId, String slug, String name, int position) {
}
