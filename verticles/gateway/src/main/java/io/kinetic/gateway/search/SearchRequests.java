package io.kinetic.gateway.search;

import io.kinetic.gateway.Requests;
import io.kinetic.kernel.contract.search.SearchQuery;
import io.kinetic.kernel.contract.search.SearchSort;
import io.kinetic.kernel.error.Failure;
import io.vertx.core.MultiMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a search from REST query parameters ({@code filter.<facet>=<value>}, repeatable) or from
 * GraphQL arguments into one {@link SearchQuery}; whether the facets and values exist is the search
 * context's to say.
 */
final class SearchRequests {

  static final String FILTER_PREFIX = "filter.";
  static final int DEFAULT_PAGE_SIZE = 20;
  private static final int MAX_FILTER_PARAMETERS = 200;

  private SearchRequests() {
  }

  static SearchQuery fromQuery(MultiMap params, String locale) {
    var filters = new LinkedHashMap<String, List<String>>();
    int count = 0;
    for (String name : params.names()) {
      if (name.equals(FILTER_PREFIX)) {
        throw Failure.invalid("filter.", "must name a facet: filter.<facet>=<value>");
      }
      if (name.startsWith(FILTER_PREFIX)) {
        List<String> values = params.getAll(name);
        if (values.stream().anyMatch(String::isEmpty)) {
          // as the product list refuses attr.<code>= (a filter on nothing is no filter, not "ignore it")
          throw Failure.invalid(name, "must not be empty");
        }
        count += values.size();
        filters.put(name.substring(FILTER_PREFIX.length()), values);
      }
    }
    if (count > MAX_FILTER_PARAMETERS) {
      throw Failure.invalid("filter", "at most " + MAX_FILTER_PARAMETERS + " filter values");
    }
    return new SearchQuery(params.get("q"), locale, params.get("currency"), filters, longParam(params, "minPrice"),
      longParam(params, "maxPrice"), sort(params.get("sort")), intParam(params, "page", 1),
      intParam(params, "pageSize", DEFAULT_PAGE_SIZE));
  }

  static SearchSort sort(String text) {
    if (text == null || text.isBlank()) {
      return SearchSort.RELEVANCE;
    }
    try {
      return SearchSort.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Failure.invalid("sort", "one of relevance, price_asc, price_desc, newest");
    }
  }

  static Map<String, List<String>> filters(List<Map<String, Object>> input) {
    var filters = new LinkedHashMap<String, List<String>>();
    if (input != null) {
      for (int i = 0; i < input.size(); i++) {
        Map<String, Object> f = input.get(i);
        @SuppressWarnings("unchecked")
        List<String> values = (List<String>) f.get("values");
        if (String.valueOf(f.get("code")).isEmpty()) {
          throw Failure.invalid("filters[" + i + "].code", "must not be empty");
        }
        if (values != null && values.stream().anyMatch(v -> v == null || v.isEmpty())) {
          throw Failure.invalid("filters[" + i + "].values", "must not be empty");
        }
        filters.merge(String.valueOf(f.get("code")), values, (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
      }
    }
    return filters;
  }

  /**
   * The suggestions' {@code limit} for the bus (0: the search context's default): one given must be
   * 1 to 20 (0 asked for is no "default", it is refused like 21).
   */
  static int suggestLimit(int limit, boolean given) {
    if (given && (limit < 1 || limit > 20)) {
      throw Failure.invalid("limit", "1 to 20");
    }
    return limit;
  }

  /**
   * An integer parameter; the search operations skip the contract's validation (a query may hold
   * anything, quotes included, which the validator would try to read as JSON), so it is checked here.
   */
  static int intParam(MultiMap params, String name, int fallback) {
    Long value = longParam(params, name);
    if (value == null) {
      return fallback;
    }
    if (value != value.intValue()) {
      throw Failure.invalid(name, "an integer");
    }
    return value.intValue();
  }

  private static Long longParam(MultiMap params, String name) {
    String text = params.get(name);
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      if (Requests.isPlainInteger(text)) {
        return Long.parseLong(text);
      }
    } catch (NumberFormatException tooLarge) {
      // said below
    }
    throw Failure.invalid(name, "an integer");
  }
}
