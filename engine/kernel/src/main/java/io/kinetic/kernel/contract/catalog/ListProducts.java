package io.kinetic.kernel.contract.catalog;

import java.util.Map;
import java.util.UUID;

/**
 * A page of products: published ones at {@code CatalogApi.LIST_PRODUCTS} ({@link ProductPage}), all
 * of them (filtered by {@code status} when given) at {@code LIST_ADMIN_PRODUCTS}
 * ({@link AdminProductPage}). Category includes its subcategories; {@code attributes} match values
 * exactly (code to value as text); the price range is in minor units of {@code currency} and
 * matches any variant. {@code after} is the opaque cursor of the previous page.
 * Fails {@code VALIDATION_FAILED} or {@code INVALID_CURSOR}.
 */
public record ListProducts(
  UUID categoryId,
  Map<String, String> attributes,
  Long minPrice,
  Long maxPrice,
  String currency,
  ProductSort sort,
  String after,
  int limit,
  String locale,
  ProductStatus status) {
}
