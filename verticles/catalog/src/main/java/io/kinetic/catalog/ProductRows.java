package io.kinetic.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import io.kinetic.kernel.contract.catalog.Media;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.ProductStatus;
import io.kinetic.kernel.contract.catalog.Seo;
import io.kinetic.kernel.contract.catalog.Translation;
import io.kinetic.kernel.contract.catalog.Variant;
import io.kinetic.kernel.money.Money;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a row of {@link CatalogSql#SELECT_PRODUCTS} into a {@link Product} (available = on hand −
 * reserved, at least 0), with each variant's stock sequence and reserved units for the cache
 * ({@link ProductCache.Stock}). The product is deeply immutable: the same instance is cached and
 * handed to every reader, also over the local bus.
 */
final class ProductRows {

  private static final TypeReference<LinkedHashMap<String, Translation>> TRANSLATIONS = new TypeReference<>() {
  };
  private static final TypeReference<LinkedHashMap<String, Object>> ATTRIBUTES = new TypeReference<>() {
  };
  private static final TypeReference<List<Media>> MEDIA = new TypeReference<>() {
  };
  private static final TypeReference<Seo> SEO = new TypeReference<>() {
  };
  private static final TypeReference<List<VariantRow>> VARIANTS = new TypeReference<>() {
  };

  /** A product as read, with its variants' stock figures. */
  record Read(Product product, Map<UUID, ProductCache.Stock> stock) {
  }

  /** A variant as {@link CatalogSql#SELECT_PRODUCTS} gives it. */
  private record VariantRow(UUID id, String sku, Map<String, String> options, List<Money> prices, int stockOnHand, long stockSeq,
                            int reserved, long reservedSeq) {
  }

  private ProductRows() {
  }

  static Read read(Row row) {
    var variants = new ArrayList<Variant>();
    var stock = new HashMap<UUID, ProductCache.Stock>();
    for (VariantRow v : Jsonb.read(row.getString("variants"), VARIANTS)) {
      variants.add(new Variant(v.id(), v.sku(), Collections.unmodifiableMap(new LinkedHashMap<>(v.options())),
        List.copyOf(v.prices()), v.stockOnHand(), Math.max(v.stockOnHand() - v.reserved(), 0)));
      stock.put(v.id(), new ProductCache.Stock(v.stockSeq(), v.reserved(), v.reservedSeq()));
    }
    Map<String, Translation> translations = Jsonb.read(row.getString("translations"), TRANSLATIONS);
    Map<String, Object> attributes = Jsonb.read(row.getString("attributes"), ATTRIBUTES);
    return new Read(new Product(
      row.getUUID("id"),
      row.getString("slug"),
      ProductStatus.valueOf(row.getString("status")),
      row.getString("default_locale"),
      Collections.unmodifiableMap(translations),
      List.of(row.getArrayOfUUIDs("category_ids")),
      Collections.unmodifiableMap(attributes),
      List.copyOf(Jsonb.read(row.getString("media"), MEDIA)),
      Jsonb.read(row.getString("seo"), SEO),
      List.copyOf(variants),
      row.getOffsetDateTime("created_at").toInstant(),
      row.getOffsetDateTime("updated_at").toInstant(),
      row.getLong("version"),
      row.getString("tax_class")), Map.copyOf(stock));
  }
}
