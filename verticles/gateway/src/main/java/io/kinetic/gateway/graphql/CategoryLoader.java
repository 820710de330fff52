package io.kinetic.gateway.graphql;

import graphql.ExecutionInput;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.schema.DataFetchingEnvironment;
import io.kinetic.gateway.Requests;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.contract.catalog.CategoryList;
import io.kinetic.kernel.contract.catalog.CategoryView;
import io.kinetic.kernel.contract.catalog.ListCategories;
import io.kinetic.kernel.contract.catalog.ProductView;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
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
import org.dataloader.DataLoaderRegistry;
import org.dataloader.MappedBatchLoader;

/**
 * {@code Product.categories} without N+1: the categories of every product in a response are
 * collected and fetched with one {@link ListCategories} request per locale (normally one).
 * One loader per GraphQL request, so its cache never outlives the request.
 */
final class CategoryLoader {

  static final String NAME = "categories";

  private CategoryLoader() {
  }

  record Key(String locale, UUID id) {
  }

  /**
   * Gives each execution that can select {@code Product.categories} (its query text contains
   * {@code categories}: a field name is never escaped) a new loader. The others keep graphql-java's
   * empty registry, which spares them the per-field data loader dispatch bookkeeping.
   */
  static Instrumentation perRequest(BusClient bus) {
    return new SimplePerformantInstrumentation() {
      @Override
      public ExecutionInput instrumentExecutionInput(ExecutionInput input, InstrumentationExecutionParameters parameters,
                                                     InstrumentationState state) {
        if (!input.getQuery().contains("categories")) {
          return input;
        }
        RoutingContext rc = input.getGraphQLContext().get(RoutingContext.class);
        var registry = DataLoaderRegistry.newRegistry().register(NAME, create(bus, Requests.correlationId(rc))).build();
        return input.transform(builder -> builder.dataLoaderRegistry(registry));
      }
    };
  }

  static DataLoader<Key, CategoryView> create(BusClient bus, String correlationId) {
    MappedBatchLoader<Key, CategoryView> batch = keys -> load(bus, correlationId, keys).toCompletionStage();
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

  private static Future<Map<Key, CategoryView>> load(BusClient bus, String correlationId, Set<Key> keys) {
    Map<String, List<UUID>> byLocale = new LinkedHashMap<>();
    keys.forEach(k -> byLocale.computeIfAbsent(k.locale(), l -> new ArrayList<>()).add(k.id()));
    var requests = new ArrayList<Future<CategoryList>>();
    byLocale.forEach((locale, ids) ->
      requests.add(bus.request(CatalogApi.LIST_CATEGORIES, new ListCategories(locale, List.copyOf(ids)), correlationId)));
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
