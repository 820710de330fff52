package io.kinetic.catalog;

import io.kinetic.kernel.contract.catalog.ProductInput;
import io.kinetic.kernel.contract.catalog.Translation;
import io.kinetic.kernel.contract.catalog.VariantInput;
import io.kinetic.kernel.money.Money;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.lang.reflect.Array;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Rows to insert, gathered column by column and written with one {@code INSERT ... SELECT FROM
 * unnest(...)} per table: the same path for one product created by an admin and for a thousand
 * products of the demo catalogue. The min-price rows of every touched product are rewritten last.
 * Unique violations surface as {@code PgException}; the caller's repository translates them.
 */
public final class ProductBatch {

  private final List<Object[]> products = new ArrayList<>();
  private final List<Object[]> categories = new ArrayList<>();
  private final List<Object[]> variants = new ArrayList<>();
  private final List<Object[]> prices = new ArrayList<>();
  private final Set<UUID> touched = new LinkedHashSet<>();

  /** Adds a whole new product: its row, categories, variants and prices. */
  /** The product's tax class: {@code standard} unless given. */
  static String taxClass(ProductInput in) {
    return in.taxClass() == null || in.taxClass().isBlank() ? io.kinetic.kernel.contract.catalog.Product.STANDARD_TAX_CLASS
      : in.taxClass().strip();
  }

  public ProductBatch add(ProductDraft draft) {
    ProductInput in = draft.input();
    products.add(new Object[] {draft.id(), in.slug(), in.status().name(), in.defaultLocale(),
      Jsonb.write(in.translations()), sortName(in), Jsonb.write(attributes(in)), Jsonb.write(media(in)),
      Jsonb.write(in.seo()), draft.createdAt(), taxClass(in)});
    addCategories(draft.id(), in.categoryIds());
    for (int i = 0; i < in.variants().size(); i++) {
      addVariant(draft.id(), draft.variantIds().get(i), in.variants().get(i), i);
    }
    return this;
  }

  void addCategories(UUID productId, List<UUID> ids) {
    touched.add(productId);
    if (ids != null) {
      for (int i = 0; i < ids.size(); i++) {
        categories.add(new Object[] {productId, ids.get(i), i});
      }
    }
  }

  /** Adds one variant (and its prices) of a product that already exists. */
  ProductBatch variant(UUID productId, UUID variantId, VariantInput v, int position) {
    addVariant(productId, variantId, v, position);
    return this;
  }

  void addVariant(UUID productId, UUID variantId, VariantInput v, int position) {
    touched.add(productId);
    int stock = v.stockOnHand() == null ? 0 : v.stockOnHand();
    variants.add(new Object[] {variantId, productId, v.sku(), Jsonb.write(options(v)), position, stock});
    addPrices(productId, variantId, v.prices());
  }

  void addPrices(UUID productId, UUID variantId, List<Money> list) {
    touched.add(productId);
    if (list != null) {
      list.forEach(m -> prices.add(new Object[] {variantId, productId, m.currency(), m.amount()}));
    }
  }

  /**
   * Executes the inserts in foreign-key order on {@code client} (a transaction's connection).
   * Variants go in SKU order: two writes racing for the same SKUs then wait for each other in one
   * order, and the loser gets SKU_TAKEN instead of a deadlock.
   */
  public Future<Void> insert(SqlClient client) {
    UUID[] ids = touched.toArray(new UUID[0]);
    variants.sort(Comparator.comparing(row -> (String) row[2]));
    return execute(client, CatalogSql.INSERT_PRODUCTS, products,
      UUID.class, String.class, String.class, String.class, String.class, String.class, String.class, String.class,
      String.class, OffsetDateTime.class, String.class)
      .compose(v -> execute(client, CatalogSql.INSERT_PRODUCT_CATEGORIES, categories, UUID.class, UUID.class, Integer.class))
      .compose(v -> execute(client, CatalogSql.INSERT_VARIANTS, variants,
        UUID.class, UUID.class, String.class, String.class, Integer.class, Integer.class))
      .compose(v -> execute(client, CatalogSql.INSERT_PRICES, prices, UUID.class, UUID.class, String.class, Long.class))
      .compose(v -> ids.length == 0 ? Future.succeededFuture() : refreshMinPrices(client, ids));
  }

  /** Rewrites the cheapest price per currency of the given products from their variant prices. */
  static Future<Void> refreshMinPrices(SqlClient client, UUID... productIds) {
    Tuple ids = Tuple.of((Object) productIds);
    return client.preparedQuery(CatalogSql.DELETE_MIN_PRICES).execute(ids)
      .compose(v -> client.preparedQuery(CatalogSql.INSERT_MIN_PRICES).execute(ids))
      .mapEmpty();
  }

  /** The NAME sort key: the name in the default locale, lower-cased. */
  static String sortName(ProductInput in) {
    Translation t = in.translations().get(in.defaultLocale());
    return t.name().toLowerCase(Locale.ROOT);
  }

  static Map<String, Object> attributes(ProductInput in) {
    return in.attributes() == null ? Map.of() : in.attributes();
  }

  static List<?> media(ProductInput in) {
    return in.media() == null ? List.of() : in.media();
  }

  static Map<String, String> options(VariantInput v) {
    return v.options() == null ? Map.of() : v.options();
  }

  private static Future<Void> execute(SqlClient client, String sql, List<Object[]> rows, Class<?>... types) {
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    Object[] columns = new Object[types.length];
    for (int c = 0; c < types.length; c++) {
      Object[] column = (Object[]) Array.newInstance(types[c], rows.size());
      for (int r = 0; r < rows.size(); r++) {
        column[r] = rows.get(r)[c];
      }
      columns[c] = column;
    }
    return client.preparedQuery(sql).execute(Tuple.from(columns)).mapEmpty();
  }
}
