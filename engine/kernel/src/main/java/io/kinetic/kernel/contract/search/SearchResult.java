package io.kinetic.kernel.contract.search;

import io.kinetic.kernel.contract.catalog.ProductCard;
import java.util.List;
import java.util.UUID;

/**
 * A page of results with the facets of the whole result set. When the query found nothing and a
 * spelling correction does, {@code items} are the corrected query's and {@code correctedQuery}
 * names it; {@code didYouMean} is a suggestion shown with the results (or with an empty page).
 * {@code searchId} identifies this search for {@link RecordClick}.
 */
public record SearchResult(
  String query,
  String correctedQuery,
  String didYouMean,
  List<ProductCard> items,
  long total,
  int page,
  int pageSize,
  int pages,
  List<Facet> facets,
  UUID searchId) {
}
