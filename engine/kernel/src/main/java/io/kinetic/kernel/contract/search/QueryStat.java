package io.kinetic.kernel.contract.search;

/** A normalised query: how often it was searched, how many of its searches led to a click, and the ratio. */
public record QueryStat(String query, long searches, long clicks, double clickThroughRate) {
}
