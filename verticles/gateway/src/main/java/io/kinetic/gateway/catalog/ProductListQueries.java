package io.kinetic.gateway.catalog;

import graphql.schema.DataFetchingEnvironment;
import io.kinetic.gateway.Locales;
import io.kinetic.gateway.graphql.Gql;
import io.kinetic.gateway.openapi.StringRule;
import io.kinetic.kernel.contract.catalog.ListProducts;
import io.kinetic.kernel.contract.catalog.ProductSort;
import io.kinetic.kernel.contract.catalog.ProductStatus;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.money.Money;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The one way the catalog edge builds a {@link ListProducts}, for REST ({@code GET /products},
 * {@code GET /admin/products}) and GraphQL ({@code products}, {@code adminProducts}) alike: the
 * defaults (newest first, 20 per page, the configured currency) and the checks neither the REST
 * contract nor the GraphQL schema can state (page size, prices, currency, and the free-form
 * attribute filters, whose codes follow the contract's {@code AttributeCode} schema) are made
 * here once. Each door only reads its own arguments; errors name the field as that door's caller
 * wrote it ({@code minPrice} over REST, {@code filter.minPrice} over GraphQL).
 */
final class ProductListQueries {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;
  static final int MAX_ATTRIBUTE_FILTERS = 20;
  static final int MAX_ATTRIBUTE_VALUE = 200;
  private static final String ATTRIBUTE_PREFIX = "attr.";

  /** How each door names the fields in errors. */
  private record Fields(String limit, String minPrice, String maxPrice, String currency, String attributes) {
  }

  private static final Fields REST = new Fields("limit", "minPrice", "maxPrice", "currency", "attr");
  private static final Fields GRAPHQL = new Fields("first", "filter.minPrice", "filter.maxPrice", "filter.currency",
    "filter.attributes");

  /** One attribute filter, with the field an error about it names. */
  private record AttributeFilter(String field, String code, String value) {
  }

  private final Locales locales;
  private final String defaultCurrency;
  private final StringRule attributeCodes;

  ProductListQueries(Locales locales, String defaultCurrency, StringRule attributeCodes) {
    this.locales = locales;
    this.defaultCurrency = defaultCurrency;
    this.attributeCodes = attributeCodes;
  }

  /** From the query string (validated against the contract) and the {@code attr.<code>=<value>} parameters. */
  ListProducts fromQuery(RoutingContext rc, boolean admin) {
    ValidatedRequest validated = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    Map<String, RequestParameter> query = validated.getQuery();
    var attributes = new ArrayList<AttributeFilter>();
    for (var entry : rc.queryParams()) {
      if (entry.getKey().startsWith(ATTRIBUTE_PREFIX)) {
        attributes.add(new AttributeFilter(entry.getKey(), entry.getKey().substring(ATTRIBUTE_PREFIX.length()), entry.getValue()));
      }
    }
    String category = string(query, "category");
    String sort = string(query, "sort");
    String status = admin ? string(query, "status") : null;
    Long limit = number(query, "limit");
    return build(REST, category == null ? null : UUID.fromString(category), attributes, number(query, "minPrice"),
      number(query, "maxPrice"), string(query, "currency"), sort == null ? null : sort.toUpperCase(Locale.ROOT),
      string(query, "after"), limit == null ? null : limit.intValue(), locales.of(rc.request()), status,
      admin ? string(query, "q") : null);
  }

  /** From the {@code filter}, {@code sort}, {@code first}, {@code after} and {@code locale} arguments. */
  ListProducts fromArguments(DataFetchingEnvironment env, boolean admin) {
    Map<String, Object> filter = env.getArgumentOrDefault("filter", Map.of());
    var attributes = new ArrayList<AttributeFilter>();
    if (filter.get("attributes") instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        var entry = (Map<?, ?>) list.get(i);
        attributes.add(new AttributeFilter(GRAPHQL.attributes() + "[" + i + "]", String.valueOf(entry.get("code")),
          String.valueOf(entry.get("value"))));
      }
    }
    Object category = filter.get("categoryId");
    Object sort = env.getArgument("sort");
    Object status = admin ? filter.get("status") : null;
    return build(GRAPHQL, category == null ? null : Gql.id("filter.categoryId", category), attributes,
      price(filter.get("minPrice")), price(filter.get("maxPrice")), (String) filter.get("currency"),
      sort == null ? null : sort.toString(), env.getArgument("after"), env.getArgument("first"), Gql.locale(env, locales),
      status == null ? null : status.toString(), admin ? Gql.text("filter.query", filter.get("query"), 1, 100) : null);
  }

  private ListProducts build(Fields fields, UUID category, List<AttributeFilter> attributeFilters, Long minPrice,
                             Long maxPrice, String currency, String sort, String after, Integer limit, String locale,
                             String status, String text) {
    if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
      throw Failure.invalid(fields.limit(), "must be an integer from 1 to " + MAX_LIMIT);
    }
    notNegative(fields.minPrice(), minPrice);
    notNegative(fields.maxPrice(), maxPrice);
    if (currency != null && !Money.isCurrency(currency)) {
      throw Failure.invalid(fields.currency(), "is not an ISO 4217 currency code");
    }
    return new ListProducts(category, attributes(fields, attributeFilters), minPrice, maxPrice,
      currency == null ? defaultCurrency : currency, sort == null ? ProductSort.NEWEST : ProductSort.valueOf(sort),
      after, limit == null ? DEFAULT_LIMIT : limit, locale, status == null ? null : ProductStatus.valueOf(status),
      text == null || text.isBlank() ? null : text);
  }

  private Map<String, String> attributes(Fields fields, List<AttributeFilter> filters) {
    if (filters.size() > MAX_ATTRIBUTE_FILTERS) {
      throw Failure.invalid(fields.attributes(), "at most " + MAX_ATTRIBUTE_FILTERS + " attribute filters");
    }
    var attributes = new LinkedHashMap<String, String>();
    for (AttributeFilter filter : filters) {
      if (!attributeCodes.accepts(filter.code())) {
        throw Failure.invalid(filter.field(), "the attribute code " + attributeCodes.expectation());
      }
      if (filter.value().isEmpty() || filter.value().length() > MAX_ATTRIBUTE_VALUE) {
        throw Failure.invalid(filter.field(), "the value must be 1 to " + MAX_ATTRIBUTE_VALUE + " characters");
      }
      attributes.put(filter.code(), filter.value());
    }
    return attributes;
  }

  private static void notNegative(String field, Long amount) {
    if (amount != null && amount < 0) {
      throw Failure.invalid(field, "must be 0 or more");
    }
  }

  private static Long price(Object value) {
    return value == null ? null : ((Number) value).longValue();
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
