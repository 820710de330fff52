package io.kinetic.gateway.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.kinetic.kernel.contract.catalog.ProductCard;
import io.kinetic.kernel.contract.catalog.ProductPage;
import io.kinetic.kernel.contract.catalog.ProductView;
import io.kinetic.kernel.contract.catalog.Variant;
import io.kinetic.kernel.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.shareddata.Shareable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * Storefront products as JSON (whole, and as list cards per currency), each serialized once per version, availability and locale: a product
 * is the same bytes until it changes (any change raises its version; carts reserving stock change
 * its {@link #availability}), so product reads and list pages copy
 * bytes instead of running Jackson over every product of every page. Attribute definitions shape
 * a view too (a number's unit) without touching the product: their events {@link #clear} it, when
 * they arrive and once more a second later (another node's catalog reloads its definitions
 * asynchronously), and every entry expires after the catalog's cache lifetime anyway. One per node,
 * bounded by weight; byte for byte what Jackson writes for the records, except that a shopper's
 * product has no {@code stockOnHand} per variant (the warehouse's count is the staff's: shoppers
 * see {@code available}, what they can still put in a cart).
 */
final class ProductJson implements Shareable {

  private static final long MAX_BYTES = 32L * 1024 * 1024;
  private static final String SHARED = "kinetic.gateway.product-json";
  private static final byte[] ITEMS = "{\"items\":[".getBytes(StandardCharsets.UTF_8);
  private static final byte[] NEXT = "],\"nextCursor\":".getBytes(StandardCharsets.UTF_8);

  /** The storefront's variant: every component but {@code stockOnHand}. */
  @JsonIgnoreProperties("stockOnHand")
  private abstract static class ShopVariant {
  }

  private static final ObjectWriter SHOP = Json.MAPPER.copy().addMixIn(Variant.class, ShopVariant.class).writer();

  private final Cache<Key, byte[]> bytes;
  private final long lowStock;

  private ProductJson(Duration ttl, long lowStock) {
    this.lowStock = lowStock;
    this.bytes = Caffeine.newBuilder()
      .maximumWeight(MAX_BYTES)
      .weigher((Key key, byte[] value) -> value.length)
      .expireAfterWrite(ttl)
      .build();
  }

  /** This node's cache, shared by its gateway instances. */
  static ProductJson of(Vertx vertx, Duration ttl) {
    return of(vertx, ttl, ProductCard.LOW_STOCK);
  }

  /** As {@link #of(Vertx, Duration)}, cards saying "low" at {@code lowStock} units or fewer ({@code catalog.lowStockThreshold}). */
  static ProductJson of(Vertx vertx, Duration ttl, long lowStock) {
    return (ProductJson) vertx.sharedData().getLocalMap(SHARED).computeIfAbsent("json", k -> new ProductJson(ttl, lowStock));
  }

  /** {@code card}: the currency of a list's card, null for the whole product. */
  private record Key(UUID id, long version, long availability, String locale, String card) {
  }

  byte[] of(ProductView view) {
    return bytes.get(new Key(view.id(), view.version(), availability(view), view.locale(), null), key -> shop(view));
  }

  /** The product as the storefront's contract has it (no {@code stockOnHand}). */
  static byte[] shop(ProductView view) {
    try {
      return SHOP.writeValueAsBytes(view);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode product " + view.id(), e);
    }
  }

  /** The product's slim card ({@link ProductCard}) with prices in {@code currency}. */
  byte[] card(ProductView view, String currency) {
    return bytes.get(new Key(view.id(), view.version(), availability(view), view.locale(), currency),
      key -> Json.bytes(ProductCard.of(view, currency, lowStock)));
  }

  /**
   * What shoppers can buy of each variant changes without a new version (carts reserve and release
   * stock): a product's bytes and ETag also depend on this stamp of its variants' availability.
   */
  static long availability(ProductView view) {
    long stamp = 17;
    for (var variant : view.variants()) {
      stamp = stamp * 31 + variant.available();
    }
    return stamp;
  }

  /** A list page: the products' cards, prices in {@code currency}. */
  Buffer page(ProductPage page, String currency) {
    var out = Buffer.buffer(256 + page.items().size() * 512).appendBytes(ITEMS);
    for (int i = 0; i < page.items().size(); i++) {
      if (i > 0) {
        out.appendByte((byte) ',');
      }
      out.appendBytes(card(page.items().get(i), currency));
    }
    return out.appendBytes(NEXT).appendBytes(Json.bytes(page.nextCursor())).appendByte((byte) '}');
  }

  void clear() {
    bytes.invalidateAll();
  }
}
