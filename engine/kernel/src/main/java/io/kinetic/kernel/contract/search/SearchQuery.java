package io.kinetic.kernel.contract.search;

import java.util.List;
import java.util.Map;

/**
 * A product search. {@code query} may be empty (a browse) and has at most
 * {@value #MAX_QUERY_LENGTH} characters; quotes make a phrase, {@code -word} excludes, {@code or}
 * alternates; nothing in it is ever an error. {@code filters} are facet codes ({@link Facet#code()})
 * to the values chosen (values of one facet are alternatives, facets are combined);
 * {@code minPrice}/{@code maxPrice} are minor units of {@code currency}. {@code page} starts at 1,
 * {@code pageSize} is 1 to {@value #MAX_PAGE_SIZE}; a page beyond the end is empty.
 * Fails {@code VALIDATION_FAILED} (too long a query, an unknown facet, a bad value or size).
 */
public record SearchQuery(
  String query,
  String locale,
  String currency,
  Map<String, List<String>> filters,
  Long minPrice,
  Long maxPrice,
  SearchSort sort,
  int page,
  int pageSize) {

  public static final int MAX_QUERY_LENGTH = 200;
  public static final int MAX_PAGE_SIZE = 100;
  public static final int MAX_PAGE = 1_000;
}
