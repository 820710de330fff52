package io.kinetic.kernel.contract.catalog;

import java.util.Map;
import java.util.UUID;

/**
 * A page of products. Reply: {@link ProductPage} (storefront) or {@link AdminProductPage} when
 * {@code admin} is true. Category includes its subcategories; {@code attributes} match values
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
  boolean admin,
  ProductStatus status) {
}
