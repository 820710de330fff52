package io.kinetic.gateway.catalog;

import graphql.schema.DataFetchingEnvironment;
import io.kinetic.gateway.edge.EdgeLoader;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.CategoryList;
import io.kinetic.kernel.contract.catalog.CategoryView;
import io.kinetic.kernel.contract.catalog.ListCategories;
import io.kinetic.kernel.contract.catalog.ProductView;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.MappedBatchLoader;

/**
 * {@code Product.categories} without N+1: the categories of every product in a response are
 * collected and fetched with one {@link ListCategories} request per locale (normally one). The
 * core registers a new loader for each execution that selects {@code Product.categories}.
 */
final class CategoryLoader {

  static final String NAME = "catalog.categories";

  private CategoryLoader() {
  }

  record Key(String locale, UUID id) {
  }

  /** The loader's declaration for the shop API. */
  static EdgeLoader declaration(BusClient bus) {
    return new EdgeLoader(NAME, Set.of("Product.categories"), caller -> create(bus, caller));
  }

  static DataLoader<Key, CategoryView> create(BusClient bus, Caller caller) {
    MappedBatchLoader<Key, CategoryView> batch = keys -> load(bus, caller, keys).toCompletionStage();
    return DataLoaderFactory.newMappedDataLoader(batch);
  }

  /** The data fetcher of {@code Product.categories}; categories unknown to the catalog are left out. */
  static CompletableFuture<List<CategoryView>> categoriesOf(DataFetchingEnvironment env) {
    ProductView product = env.getSource();
    if (product.categoryIds() == null || product.categoryIds().isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    DataLoader<Key, CategoryView> loader = env.getDataLoader(NAME);
    List<Key> keys = product.categoryIds().stream().map(id -> new Key(product.locale(), id)).toList();
    return loader.loadMany(keys).thenApply(found -> found.stream().filter(Objects::nonNull).toList());
  }

  private static Future<Map<Key, CategoryView>> load(BusClient bus, Caller caller, Set<Key> keys) {
    Map<String, List<UUID>> byLocale = new LinkedHashMap<>();
    keys.forEach(k -> byLocale.computeIfAbsent(k.locale(), l -> new ArrayList<>()).add(k.id()));
    var requests = new ArrayList<Future<CategoryList>>();
    byLocale.forEach((locale, ids) ->
      requests.add(bus.request(CatalogApi.LIST_CATEGORIES, new ListCategories(locale, List.copyOf(ids)), caller)));
    var locales = List.copyOf(byLocale.keySet());
    return Future.all(requests).map(all -> {
      Map<Key, CategoryView> found = new HashMap<>();
      for (int i = 0; i < locales.size(); i++) {
        CategoryList list = all.resultAt(i);
        for (CategoryView category : list.items()) {
          found.put(new Key(locales.get(i), category.id()), category);
        }
      }
      return found;
    });
  }
}
