package io.kinetic.gateway.graphql;

import graphql.schema.DataFetchingEnvironment;
import io.kinetic.gateway.Locales;
import io.kinetic.kernel.contract.catalog.ListProducts;
import io.kinetic.kernel.contract.catalog.ProductSort;
import io.kinetic.kernel.contract.catalog.ProductStatus;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.money.Money;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@link ListProducts} of the {@code products} and {@code adminProducts} fields from their arguments. */
final class ProductFilters {

  private static final int MAX_PAGE = 100;
  private final Locales locales;
  private final String defaultCurrency;

  ProductFilters(Locales locales, String defaultCurrency) {
    this.locales = locales;
    this.defaultCurrency = defaultCurrency;
  }

  ListProducts of(DataFetchingEnvironment env, boolean admin) {
    Map<String, Object> filter = env.getArgumentOrDefault("filter", Map.of());
    Integer first = env.getArgument("first");
    if (first == null || first < 1 || first > MAX_PAGE) {
      throw Failure.invalid("first", "must be between 1 and " + MAX_PAGE);
    }
    String currency = (String) filter.get("currency");
    if (currency != null && !Money.isCurrency(currency)) {
      throw Failure.invalid("filter.currency", "is not an ISO 4217 currency code");
    }
    Object category = filter.get("categoryId");
    Object status = filter.get("status");
    Object sort = env.getArgument("sort");
    return new ListProducts(
      category == null ? null : Gql.id("filter.categoryId", category),
      attributes(filter.get("attributes")),
      price("filter.minPrice", filter.get("minPrice")),
      price("filter.maxPrice", filter.get("maxPrice")),
      currency == null ? defaultCurrency : currency,
      sort == null ? ProductSort.NEWEST : ProductSort.valueOf(sort.toString()),
      env.getArgument("after"),
      first,
      Gql.locale(env, locales),
      admin && status != null ? ProductStatus.valueOf(status.toString()) : null);
  }

  private static Long price(String field, Object value) {
    if (value == null) {
      return null;
    }
    long amount = ((Number) value).longValue();
    if (amount < 0) {
      throw Failure.invalid(field, "must be 0 or more");
    }
    return amount;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> attributes(Object value) {
    var attributes = new LinkedHashMap<String, String>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        var entry = (Map<String, Object>) item;
        attributes.put(String.valueOf(entry.get("code")), String.valueOf(entry.get("value")));
      }
    }
    return attributes;
  }
}
