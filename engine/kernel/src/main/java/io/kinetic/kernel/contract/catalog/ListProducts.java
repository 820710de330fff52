package io.kinetic.kernel.contract.catalog;

import java.util.Map;
import java.util.UUID;

/**
 * A page of products: published ones at {@code CatalogApi.LIST_PRODUCTS} ({@link ProductPage}), all
 * of them (filtered by {@code status} when given) at {@code LIST_ADMIN_PRODUCTS}
 * ({@link AdminProductPage}). Category includes its subcategories; {@code attributes} match values
 * exactly (code to value as text); the price range is in minor units of {@code currency} and
 * matches any variant. {@code after} is the opaque cursor of the previous page. {@code query} (admin
 * lists only): words that must each appear in the product's name, slug or one of its SKUs.
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
  ProductStatus status,
  String query) {

  public ListProducts(UUID categoryId, Map<String, String> attributes, Long minPrice, Long maxPrice, String currency,
                      ProductSort sort, String after, int limit, String locale, ProductStatus status) {
    this(categoryId, attributes, minPrice, maxPrice, currency, sort, after, limit, locale, status, null);
  }
}
