package io.kinetic.catalog;

import io.kinetic.kernel.contract.catalog.ProductSort;
import io.kinetic.kernel.contract.catalog.ProductStatus;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Assembles the keyset-paginated id query of a product list from the fragments in
 * {@link CatalogSql}: only the filters in use appear, so each combination gets a plan fitted to
 * it. The query returns {@code limit + 1} rows of (id, sort key): the extra row says whether
 * there is a next page.
 */
final class ProductListQuery {

  private final ProductSort sort;
  private final String currency;
  private final List<String> conditions = new ArrayList<>();
  private final List<Object> params = new ArrayList<>();

  ProductListQuery(ProductSort sort, String currency) {
    this.sort = sort;
    this.currency = currency;
    if (priceSort()) {
      conditions.add(CatalogSql.WHERE_PRICE_CURRENCY.formatted(param(currency)));
    }
  }

  ProductListQuery status(ProductStatus status) {
    if (status != null) {
      conditions.add(CatalogSql.WHERE_STATUS.formatted(param(status.name())));
    }
    return this;
  }

  /** Each word must match the name, slug or a SKU (case-insensitive substring; LIKE's wildcards taken literally). */
  ProductListQuery text(String query) {
    if (query != null && !query.isBlank()) {
      for (String word : query.strip().toLowerCase(java.util.Locale.ROOT).split("\\s+")) {
        String literal = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        conditions.add(CatalogSql.WHERE_TEXT.formatted(param("%" + literal + "%")));
      }
    }
    return this;
  }

  ProductListQuery categories(List<UUID> ids) {
    if (ids != null) {
      conditions.add(CatalogSql.WHERE_CATEGORY.formatted(param(ids.toArray(new UUID[0]))));
    }
    return this;
  }

  /** {@code json} is an object of attribute values the product's attributes must contain. */
  ProductListQuery attributes(String json) {
    if (json != null) {
      conditions.add(CatalogSql.WHERE_ATTRIBUTES.formatted(param(json)));
    }
    return this;
  }

  ProductListQuery priceRange(Long min, Long max) {
    if (min != null || max != null) {
      int currencyParam = param(currency);
      String bounds = (min == null ? "" : CatalogSql.AND_PRICE_AT_LEAST.formatted(param(min)))
        + (max == null ? "" : CatalogSql.AND_PRICE_AT_MOST.formatted(param(max)));
      conditions.add(CatalogSql.WHERE_PRICE_RANGE.formatted(currencyParam, bounds));
    }
    return this;
  }

  ProductListQuery after(Cursor cursor) {
    if (cursor != null) {
      String fragment = switch (sort) {
        case NEWEST -> CatalogSql.AFTER_CREATED;
        case NAME -> CatalogSql.AFTER_NAME;
        case PRICE_ASC -> CatalogSql.AFTER_PRICE_ASC;
        case PRICE_DESC -> CatalogSql.AFTER_PRICE_DESC;
      };
      conditions.add(fragment.formatted(param(cursor.keyParam()), param(cursor.id())));
    }
    return this;
  }

  ProductSort sort() {
    return sort;
  }

  String currency() {
    return currency;
  }

  String sql() {
    String select = switch (sort) {
      case NEWEST -> CatalogSql.LIST_BY_CREATED;
      case NAME -> CatalogSql.LIST_BY_NAME;
      case PRICE_ASC, PRICE_DESC -> CatalogSql.LIST_BY_PRICE;
    };
    var sql = new StringBuilder(select.strip());
    for (int i = 0; i < conditions.size(); i++) {
      sql.append(i == 0 ? " WHERE " : " AND ").append(conditions.get(i));
    }
    sql.append(switch (sort) {
      case NEWEST -> CatalogSql.ORDER_CREATED;
      case NAME -> CatalogSql.ORDER_NAME;
      case PRICE_ASC -> CatalogSql.ORDER_PRICE_ASC;
      case PRICE_DESC -> CatalogSql.ORDER_PRICE_DESC;
    });
    return sql.append(CatalogSql.LIMIT.formatted(params.size() + 1)).toString();
  }

  Tuple params(int limit) {
    Tuple tuple = Tuple.tuple();
    params.forEach(tuple::addValue);
    return tuple.addValue(limit + 1);
  }

  /** The cursor pointing after {@code row}, a row of this query. */
  Cursor cursorAfter(Row row) {
    String key = switch (sort) {
      case NEWEST -> row.getOffsetDateTime("k").toInstant().toString();
      case NAME -> row.getString("k");
      case PRICE_ASC, PRICE_DESC -> Long.toString(row.getLong("k"));
    };
    return new Cursor(sort, priceSort() ? currency : null, key, row.getUUID("id"));
  }

  private boolean priceSort() {
    return sort == ProductSort.PRICE_ASC || sort == ProductSort.PRICE_DESC;
  }

  private int param(Object value) {
    params.add(value);
    return params.size();
  }
}
