package io.kinetic.gateway;

import io.kinetic.kernel.contract.catalog.ListProducts;
import io.kinetic.kernel.contract.catalog.ProductSort;
import io.kinetic.kernel.contract.catalog.ProductStatus;
import io.kinetic.kernel.error.Failure;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Builds a {@link ListProducts} query from the (already validated) query string of
 * {@code GET /products} and {@code GET /admin/products}. Attribute filters arrive as free-form
 * {@code attr.<code>=<value>} parameters and are checked here.
 */
final class ProductQueries {

  static final int DEFAULT_LIMIT = 20;
  private static final String ATTRIBUTE_PREFIX = "attr.";
  private static final int MAX_ATTRIBUTE_FILTERS = 20;

  private final Locales locales;
  private final String defaultCurrency;

  ProductQueries(Locales locales, String defaultCurrency) {
    this.locales = locales;
    this.defaultCurrency = defaultCurrency;
  }

  ListProducts of(RoutingContext rc, boolean admin) {
    ValidatedRequest validated = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    Map<String, RequestParameter> query = validated.getQuery();
    String category = string(query, "category");
    String sort = string(query, "sort");
    String status = admin ? string(query, "status") : null;
    Integer limit = number(query, "limit") == null ? null : number(query, "limit").intValue();
    String currency = string(query, "currency");
    return new ListProducts(
      category == null ? null : UUID.fromString(category),
      attributes(rc),
      number(query, "minPrice"),
      number(query, "maxPrice"),
      currency == null ? defaultCurrency : currency,
      sort == null ? ProductSort.NEWEST : ProductSort.valueOf(sort.toUpperCase(Locale.ROOT)),
      string(query, "after"),
      limit == null ? DEFAULT_LIMIT : limit,
      locales.of(rc.request()),
      status == null ? null : ProductStatus.valueOf(status));
  }

  private static Map<String, String> attributes(RoutingContext rc) {
    var attributes = new LinkedHashMap<String, String>();
    for (var entry : rc.queryParams()) {
      String name = entry.getKey();
      if (!name.startsWith(ATTRIBUTE_PREFIX)) {
        continue;
      }
      String code = name.substring(ATTRIBUTE_PREFIX.length());
      if (!code.matches("[a-z][a-z0-9_]{0,63}")) {
        throw Failure.invalid(name, "attribute filters look like attr.<code>=<value>, code in [a-z0-9_]");
      }
      if (entry.getValue().isEmpty() || entry.getValue().length() > 200) {
        throw Failure.invalid(name, "must be 1 to 200 characters");
      }
      attributes.put(code, entry.getValue());
      if (attributes.size() > MAX_ATTRIBUTE_FILTERS) {
        throw Failure.invalid("attr", "at most " + MAX_ATTRIBUTE_FILTERS + " attribute filters");
      }
    }
    return attributes;
  }

  private static String string(Map<String, RequestParameter> query, String name) {
    RequestParameter p = query.get(name);
    return p == null || p.isNull() ? null : String.valueOf(p.get());
  }

  private static Long number(Map<String, RequestParameter> query, String name) {
    RequestParameter p = query.get(name);
    return p == null ? null : p.getLong();
  }
}
