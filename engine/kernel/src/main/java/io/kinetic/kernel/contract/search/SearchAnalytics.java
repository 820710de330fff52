package io.kinetic.kernel.contract.search;

import java.util.List;

/**
 * What shoppers searched: the number of searches, of those that found nothing, of result clicks
 * and their ratio, the most frequent queries and the most frequent ones that found nothing.
 * Queries are normalised (trimmed, lower case); nothing identifies a shopper.
 */
public record SearchAnalytics(int days, long searches, long zeroResultSearches, long clicks, double clickThroughRate,
                              List<QueryStat> topQueries, List<QueryStat> zeroResultQueries) {
}
