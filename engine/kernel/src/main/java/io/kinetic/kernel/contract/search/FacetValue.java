package io.kinetic.kernel.contract.search;

/** One value of a {@link Facet}: what to send as a filter, what to show, how many results have it. */
public record FacetValue(String value, String label, long count, boolean selected, String parent) {
}
