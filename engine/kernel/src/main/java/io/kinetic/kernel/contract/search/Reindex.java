package io.kinetic.kernel.contract.search;

/** Rebuild the whole index from the catalog's export; a rebuild already running is not started twice. */
public record Reindex() {
}
