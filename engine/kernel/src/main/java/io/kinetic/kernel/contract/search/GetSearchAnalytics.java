package io.kinetic.kernel.contract.search;

/** Analytics over the last {@code days} (1 to 365), the {@code limit} (1 to 100) top entries of each list. */
public record GetSearchAnalytics(int days, int limit) {
}
