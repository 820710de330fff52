package io.kinetic.kernel.contract.search;

import java.util.UUID;

/** Fails {@code NOT_FOUND}. */
public record DeleteSynonym(UUID id) {
}
