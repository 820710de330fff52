package io.kinetic.gateway.catalog;

import graphql.schema.DataFetchingEnvironment;
import io.kinetic.gateway.graphql.ResultCache;
import io.kinetic.kernel.contract.catalog.AvailabilitiesChanged;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.CatalogEvent;
import io.kinetic.kernel.contract.catalog.ProductView;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a cached shop result of the catalog depends on, and which catalog events retire it: a
 * product result on that product ({@code product:<id>}) and on the taxonomy (category names,
 * attribute labels); a product page also on every product list ({@code catalog:lists}), which any
 * write that can move a product in or out of a page retires; the category tree on the taxonomy.
 */
final class CatalogCacheTags {

  static final String LISTS = "catalog:lists";
  static final String TAXONOMY = "catalog:taxonomy";

  static final Map<String, Function<Object, Collection<String>>> INVALIDATIONS = Map.of(
    CatalogApi.Events.PRODUCT_CREATED, event -> List.of(LISTS),
    CatalogApi.Events.PRODUCT_UPDATED, event -> List.of(product(event), LISTS),
    CatalogApi.Events.PRODUCT_DELETED, event -> List.of(product(event), LISTS),
    CatalogApi.Events.PRICE_CHANGED, event -> List.of(product(event), LISTS),
    CatalogApi.Events.STOCK_CHANGED, event -> List.of(product(event)),
    CatalogApi.Events.AVAILABILITY_CHANGED, event -> List.of(product(event)),
    CatalogApi.Events.AVAILABILITIES_CHANGED, event -> ((AvailabilitiesChanged) event).products().stream()
      .map(p -> "product:" + p.productId()).toList(),
    CatalogApi.Events.CATEGORY_CHANGED, event -> List.of(TAXONOMY),
    CatalogApi.Events.ATTRIBUTE_CHANGED, event -> List.of(TAXONOMY));

  private CatalogCacheTags() {
  }

  static void product(DataFetchingEnvironment env, ProductView product) {
    ResultCache.tag(env, "product:" + product.id());
    ResultCache.tag(env, TAXONOMY);
  }

  static void list(DataFetchingEnvironment env, List<ProductView> products) {
    ResultCache.tag(env, LISTS);
    ResultCache.tag(env, TAXONOMY);
    products.forEach(p -> ResultCache.tag(env, "product:" + p.id()));
  }

  static void taxonomy(DataFetchingEnvironment env) {
    ResultCache.tag(env, TAXONOMY);
  }

  private static String product(Object event) {
    return "product:" + ((CatalogEvent) event).productId();
  }
}
