package io.kinetic.catalog;

import io.kinetic.kernel.contract.catalog.AdminProductPage;
import io.kinetic.kernel.contract.catalog.Attribute;
import io.kinetic.kernel.contract.catalog.GetAdminProduct;
import io.kinetic.kernel.contract.catalog.GetProduct;
import io.kinetic.kernel.contract.catalog.GetProductBySlug;
import io.kinetic.kernel.contract.catalog.ListProducts;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.ProductPage;
import io.kinetic.kernel.contract.catalog.ProductSort;
import io.kinetic.kernel.contract.catalog.ProductStatus;
import io.kinetic.kernel.contract.catalog.ProductView;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.money.Money;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What customers and staff read. Single products come from the cache. A list runs one query for
 * the page's ids by keyset (filters, sort, cursor), then takes the products from the cache.
 * Customers see published products only; staff may filter by status.
 */
final class ProductQueries {

  static final int MAX_LIMIT = 100;

  private final Pool pool;
  private final CatalogState state;
  private final ProductReader reader;
  private final String defaultCurrency;
  private final CursorCodec cursors;

  ProductQueries(Pool pool, CatalogState state, ProductReader reader, String defaultCurrency, CursorCodec cursors) {
    this.pool = pool;
    this.state = state;
    this.reader = reader;
    this.defaultCurrency = defaultCurrency;
    this.cursors = cursors;
  }

  /** Fails PRODUCT_NOT_FOUND when missing or, unless {@code includeUnpublished}, not published. */
  Future<ProductView> get(GetProduct q) {
    if (q.id() == null) {
      return Future.failedFuture(Failure.invalid("id", "must not be null"));
    }
    return reader.byId(q.id()).map(p -> view(p, q.locale(), q.includeUnpublished(), "no product " + q.id()));
  }

  Future<ProductView> get(GetProductBySlug q) {
    // an unpublished product's slug is answered as an unknown one: its id stays unsaid
    return reader.bySlug(q.slug()).map(p -> view(p, q.locale(), q.includeUnpublished(), "no product with slug " + q.slug()));
  }

  Future<Product> admin(GetAdminProduct q) {
    if (q.id() == null) {
      return Future.failedFuture(Failure.invalid("id", "must not be null"));
    }
    return reader.byId(q.id());
  }

  private ProductView view(Product p, String locale, boolean includeUnpublished, String notFound) {
    if (p.status() != ProductStatus.PUBLISHED && !includeUnpublished) {
      throw ErrorCode.PRODUCT_NOT_FOUND.failure(notFound);
    }
    return ProductViews.view(p, locale, state.attributes());
  }

  /** Published products. Fails VALIDATION_FAILED or INVALID_CURSOR. */
  Future<ProductPage> list(ListProducts q) {
    return list(q, false).map(ProductPage.class::cast);
  }

  /** Every product, drafts too (filtered by {@code status} when given). Fails VALIDATION_FAILED or INVALID_CURSOR. */
  Future<AdminProductPage> listAdmin(ListProducts q) {
    return list(q, true).map(AdminProductPage.class::cast);
  }

  private Future<Object> list(ListProducts q, boolean admin) {
    Prepared prepared;
    try {
      prepared = prepare(q, admin);
    } catch (Failure invalid) {
      return Future.failedFuture(invalid);
    }
    ProductListQuery query = prepared.query();
    ProductStatus status = admin ? q.status() : ProductStatus.PUBLISHED;
    var lists = state.lists();
    var key = new ListCache.Key(query.sort(), query.currency(), status, q.categoryId(),
      q.attributes() == null ? Map.of() : Map.copyOf(q.attributes()), q.minPrice(), q.maxPrice(), q.after(), q.limit());
    boolean searching = admin && q.query() != null && !q.query().isBlank();
    ListCache.Page cached = searching ? null : lists.get(key); // a staff search is not kept (its key has no words)
    if (cached != null) {
      return reader.byIds(cached.ids()).map(products -> page(q, admin, status, products, cached.nextCursor()));
    }
    long readAt = lists.mark();
    return pool.preparedQuery(query.sql()).execute(query.params(q.limit())).compose(rows -> {
      var ids = new ArrayList<UUID>(q.limit());
      Row last = null;
      ListCache.Position peek = null;
      for (Row row : rows) {
        if (ids.size() == q.limit()) {
          peek = position(query.sort(), row);
          break;
        }
        ids.add(row.getUUID("id"));
        last = row;
      }
      String next = rows.size() > q.limit() ? cursors.encode(query.cursorAfter(last)) : null;
      if (!searching) {
        lists.putIfCurrent(new ListCache.Page(key, ids, next, prepared.categories(), prepared.attributeValues(),
          prepared.from(), peek), readAt);
      }
      return reader.byIds(ids).map(products -> page(q, admin, status, products, next));
    });
  }

  /** Validates the request and builds its id query; throws the {@link Failure} for a bad request or cursor. */
  private Prepared prepare(ListProducts q, boolean admin) {
    ProductSort sort = q.sort() == null ? ProductSort.NEWEST : q.sort();
    String currency = q.currency() == null ? defaultCurrency : q.currency();
    var errors = new FieldErrors();
    if (q.limit() < 1 || q.limit() > MAX_LIMIT) {
      errors.add("limit", "must be between 1 and " + MAX_LIMIT);
    }
    if (!Money.isCurrency(currency)) {
      errors.add("currency", "must be an ISO 4217 currency code");
    }
    if (q.minPrice() != null && q.minPrice() < 0) {
      errors.add("minPrice", "must be 0 or more");
    }
    if (q.maxPrice() != null && q.maxPrice() < 0) {
      errors.add("maxPrice", "must be 0 or more");
    }
    if (q.minPrice() != null && q.maxPrice() != null && q.minPrice() > q.maxPrice()) {
      errors.add("minPrice", "must not be more than maxPrice");
    }
    if (q.query() != null && (q.query().length() > 100 || q.query().strip().split("\\s+").length > 8)) {
      errors.add("query", "at most 100 characters and 8 words");
    }
    Map<String, Object> attributes = attributeFilter(q.attributes(), errors);
    errors.throwIfAny();
    Cursor after = q.after() == null || q.after().isEmpty() ? null : cursors.decode(q.after(), sort, currency);
    List<UUID> categories = q.categoryId() == null ? null : state.categories().selfAndDescendants(q.categoryId());
    var query = new ProductListQuery(sort, currency).status(admin ? q.status() : ProductStatus.PUBLISHED)
      .categories(categories).attributes(attributes == null ? null : Jsonb.write(attributes))
      .priceRange(q.minPrice(), q.maxPrice()).text(admin ? q.query() : null).after(after);
    ListCache.Position from = after == null ? null : new ListCache.Position(typed(after.keyParam()), after.id());
    return new Prepared(query, categories == null ? null : Set.copyOf(categories),
      attributes == null ? null : Map.copyOf(attributes), from);
  }

  /** The sort position of a row of a list query (column {@code k} is the sort key). */
  private static ListCache.Position position(ProductSort sort, Row row) {
    Object key = switch (sort) {
      case NEWEST -> row.getOffsetDateTime("k").toInstant();
      case NAME -> row.getString("k");
      case PRICE_ASC, PRICE_DESC -> row.getLong("k");
    };
    return new ListCache.Position(key, row.getUUID("id"));
  }

  private static Object typed(Object keyParam) {
    return keyParam instanceof OffsetDateTime time ? time.toInstant() : keyParam;
  }

  private Object page(ListProducts q, boolean admin, ProductStatus status, List<Product> products, String next) {
    // a product whose status changed between the id query and the cache read drops out of this page
    List<Product> visible = status == null ? products
      : products.stream().filter(p -> p.status() == status).toList();
    if (admin) {
      return new AdminProductPage(visible, next);
    }
    var registry = state.attributes();
    var views = new ArrayList<ProductView>(visible.size());
    visible.forEach(p -> views.add(ProductViews.view(p, q.locale(), registry)));
    return new ProductPage(views, next);
  }

  /** The typed values the products' attributes must contain, or null without filters. */
  private Map<String, Object> attributeFilter(Map<String, String> filters, FieldErrors errors) {
    if (filters == null || filters.isEmpty()) {
      return null;
    }
    var values = new LinkedHashMap<String, Object>();
    filters.forEach((code, text) -> {
      Attribute definition = code == null ? null : state.attributes().get(code);
      Object value = definition == null ? null : AttributeValues.parse(definition, text);
      if (definition == null) {
        errors.add("attributes." + code, "no such attribute");
      } else if (value == null) {
        errors.add("attributes." + code, "not a value of this attribute");
      } else {
        values.put(code, value);
      }
    });
    return values;
  }

  /** A validated list request: its id query, and what its filters and cursor resolved to. */
  private record Prepared(ProductListQuery query, Set<UUID> categories, Map<String, Object> attributeValues,
                          ListCache.Position from) {
  }
}
