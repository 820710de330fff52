package io.kinetic.search;

import io.kinetic.kernel.contract.search.SearchSort;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A checked search: the query text with its synonym variants, the supported locale it is analysed
 * in, the filters by facet (categories already expanded to their subtrees), the price bounds in
 * minor units of {@code currency}, the order and the page.
 *
 * @param chosen the filter values as the shopper sent them, by facet code (to mark them selected)
 * @param priceRanges chosen price buckets as {@code [from, to)} with {@code to} = -1 for no top
 */
record SearchPlan(
  String text,
  boolean operators,
  List<String> variants,
  String requestedLocale,
  String locale,
  String currency,
  Map<String, List<String>> chosen,
  List<UUID> categories,
  List<String> brands,
  Map<String, List<String>> attributes,
  List<long[]> priceRanges,
  boolean inStock,
  Long minPrice,
  Long maxPrice,
  SearchSort sort,
  int page,
  int pageSize) {

  boolean browse() {
    return text.isEmpty();
  }

  /** The same search for another text (a spelling correction), same filters and page. */
  SearchPlan withText(String other, List<String> otherVariants) {
    return new SearchPlan(other, false, otherVariants, requestedLocale, locale, currency, chosen, categories, brands,
      attributes, priceRanges, inStock, minPrice, maxPrice, sort, page, pageSize);
  }
}
