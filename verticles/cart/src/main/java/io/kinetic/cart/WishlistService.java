package io.kinetic.cart;

import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.cart.AddCartLine;
import io.kinetic.kernel.contract.cart.AddWishlistItem;
import io.kinetic.kernel.contract.cart.CartRef;
import io.kinetic.kernel.contract.cart.CartView;
import io.kinetic.kernel.contract.cart.GetWishlist;
import io.kinetic.kernel.contract.cart.MoveWishlistItemToCart;
import io.kinetic.kernel.contract.cart.RemoveWishlistItem;
import io.kinetic.kernel.contract.cart.WishlistItemView;
import io.kinetic.kernel.contract.cart.WishlistView;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.GetProduct;
import io.kinetic.kernel.contract.catalog.ProductStatus;
import io.kinetic.kernel.contract.catalog.ProductView;
import io.kinetic.kernel.contract.catalog.Variant;
import io.kinetic.kernel.contract.catalog.VariantSummary;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.money.Money;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Customers' wishlists in PostgreSQL: a product, or one variant of it, per item. Shown with the
 * catalog's current names, prices and availability; an item whose product is gone or unpublished
 * stays, marked not purchasable. Only the owner's id (from a verified token) reaches an item.
 */
final class WishlistService {

  private static final String LIST = """
    SELECT id, product_id, variant_id, added_at FROM wishlist_item WHERE customer_id = $1 ORDER BY added_at DESC, id
    """;
  /**
   * The customer's adds one at a time (until the transaction ends): the count of the insert that
   * follows sees every add committed before it, so concurrent adds never pass the limit together.
   */
  private static final String LOCK_WISHLIST = "SELECT pg_advisory_xact_lock(hashtextextended('kinetic.wishlist:' || $1::uuid, 0))";
  private static final String INSERT = """
    INSERT INTO wishlist_item (id, customer_id, product_id, variant_id)
    SELECT $1, $2, $3, $4 WHERE (SELECT count(*) FROM wishlist_item WHERE customer_id = $2) < $5
    ON CONFLICT DO NOTHING RETURNING id
    """;
  private static final String EXISTS = """
    SELECT 1 FROM wishlist_item WHERE customer_id = $1 AND product_id = $2
      AND coalesce(variant_id, '00000000-0000-0000-0000-000000000000'::uuid) = coalesce($3, '00000000-0000-0000-0000-000000000000'::uuid)
    """;
  private static final String GET = "SELECT product_id, variant_id FROM wishlist_item WHERE id = $1 AND customer_id = $2";
  private static final String DELETE = "DELETE FROM wishlist_item WHERE id = $1 AND customer_id = $2";

  private final Pool pool;
  private final BusClient bus;
  private final CartService carts;
  private final CartSettings settings;

  WishlistService(Pool pool, BusClient bus, CartService carts, CartSettings settings) {
    this.pool = pool;
    this.bus = bus;
    this.carts = carts;
    this.settings = settings;
  }

  Future<WishlistView> get(GetWishlist q, Caller caller) {
    if (q.customerId() == null) {
      return Future.failedFuture(ErrorCode.UNAUTHENTICATED.failure("a customer is required"));
    }
    if (!sold(q.currency())) {
      return Future.failedFuture(unsupported(q.currency()));
    }
    return view(q.customerId(), q.currency(), q.locale(), caller);
  }

  /** Whether the wishlist can be shown in {@code currency} (null: the default one). */
  private boolean sold(String currency) {
    return currency == null || settings.cart().currencies().contains(currency);
  }

  private Failure unsupported(String currency) {
    return CartService.unsupported(settings.cart().currencies(), currency);
  }

  Future<WishlistView> add(AddWishlistItem q, Caller caller) {
    if (q.customerId() == null || q.productId() == null) {
      return Future.failedFuture(Failure.invalid("productId", "is required"));
    }
    // refused before anything changes: the answer shows the wishlist in that currency
    if (!sold(q.currency())) {
      return Future.failedFuture(unsupported(q.currency()));
    }
    return product(q.productId(), q.locale(), caller).compose(product -> {
      if (product == null) {
        return Future.failedFuture(ErrorCode.PRODUCT_NOT_FOUND.failure("no product " + q.productId()));
      }
      if (q.variantId() != null && product.variants().stream().noneMatch(v -> v.id().equals(q.variantId()))) {
        return Future.failedFuture(ErrorCode.VARIANT_NOT_FOUND.failure("no variant " + q.variantId() + " of that product"));
      }
      return pool.withTransaction(tx -> tx.preparedQuery(LOCK_WISHLIST).execute(Tuple.of(q.customerId()))
          .compose(locked -> tx.preparedQuery(INSERT)
            .execute(Tuple.of(UUID.randomUUID(), q.customerId(), q.productId(), q.variantId(), settings.cart().maxWishlistItems()))))
        .compose(rows -> rows.size() > 0 ? Future.succeededFuture()
          : pool.preparedQuery(EXISTS).execute(Tuple.of(q.customerId(), q.productId(), q.variantId()))
          .compose(found -> found.size() > 0 ? Future.succeededFuture()
            : Future.failedFuture(ErrorCode.WISHLIST_FULL.failure(
              "a wishlist holds at most " + settings.cart().maxWishlistItems() + " items"))));
    }).compose(v -> view(q.customerId(), q.currency(), q.locale(), caller));
  }

  Future<WishlistView> remove(RemoveWishlistItem q, Caller caller) {
    if (!sold(q.currency())) {
      return Future.failedFuture(unsupported(q.currency()));
    }
    return pool.preparedQuery(DELETE).execute(Tuple.of(q.itemId(), q.customerId()))
      .compose(rows -> rows.rowCount() == 0 ? Future.failedFuture(itemNotFound())
        : view(q.customerId(), q.currency(), q.locale(), caller));
  }

  Future<CartView> moveToCart(MoveWishlistItemToCart q, Caller caller) {
    int quantity = q.quantity() == null ? 1 : q.quantity();
    return pool.preparedQuery(GET).execute(Tuple.of(q.itemId(), q.customerId())).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(itemNotFound());
      }
      Row row = rows.iterator().next();
      UUID variant = row.getUUID("variant_id");
      if (variant != null && q.variantId() != null && !variant.equals(q.variantId())) {
        return Future.failedFuture(Failure.invalid("variantId", "this item is one variant already: leave variantId out"));
      }
      // an item of a product: the variant chosen must be one of that product's (its only one when none is given)
      Future<UUID> chosen = variant != null ? Future.succeededFuture(variant)
        : product(row.getUUID("product_id"), q.locale(), caller).compose(p -> {
          if (p == null) {
            return Future.failedFuture(ErrorCode.PRODUCT_NOT_AVAILABLE.failure("the product is no longer on sale"));
          }
          if (q.variantId() != null) {
            return p.variants().stream().anyMatch(v -> v.id().equals(q.variantId())) ? Future.succeededFuture(q.variantId())
              : Future.failedFuture(Failure.invalid("variantId", "is not a variant of the item's product"));
          }
          if (p.variants().size() != 1) {
            return Future.failedFuture(Failure.invalid("variantId", "choose one of the product's " + p.variants().size() + " variants"));
          }
          return Future.succeededFuture(p.variants().get(0).id());
        });
      return chosen.compose(v -> carts.addLine(new AddCartLine(CartRef.customer(q.customerId()), v, quantity, q.locale()), caller))
        .compose(cart -> pool.preparedQuery(DELETE).execute(Tuple.of(q.itemId(), q.customerId())).map(cart));
    });
  }

  private Future<WishlistView> view(UUID customerId, String currency, String locale, Caller caller) {
    String shown = currency == null ? settings.defaultCurrency() : currency;
    return pool.preparedQuery(LIST).execute(Tuple.of(customerId)).compose(rows -> {
      var items = new ArrayList<Row>();
      rows.forEach(items::add);
      var variantIds = items.stream().map(r -> r.getUUID("variant_id")).filter(java.util.Objects::nonNull).distinct().toList();
      // every item's product: a product item's summary, and a variant item's units available (on hand less what carts hold)
      var productIds = items.stream().map(r -> r.getUUID("product_id")).filter(java.util.Objects::nonNull).distinct().toList();
      Future<Map<UUID, VariantSummary>> variants = carts.variants(variantIds, shown, locale, caller);
      var products = new HashMap<UUID, Future<ProductView>>();
      productIds.forEach(id -> products.put(id, product(id, locale, caller)));
      var all = new ArrayList<Future<?>>(products.values());
      all.add(variants);
      return Future.all(all).map(done -> {
        var out = new ArrayList<WishlistItemView>();
        for (Row r : items) {
          UUID id = r.getUUID("id");
          UUID productId = r.getUUID("product_id");
          UUID variantId = r.getUUID("variant_id");
          Instant added = r.getOffsetDateTime("added_at").toInstant();
          if (variantId != null) {
            VariantSummary v = variants.result().get(variantId);
            out.add(v == null
              ? new WishlistItemView(id, productId, variantId, null, null, null, null, null, null, false, 0, false, added)
              : new WishlistItemView(id, productId, variantId, v.sku(), v.productSlug(), v.productName(), v.options(), v.image(),
                v.price(), false, available(products.get(productId), variantId), v.status() == ProductStatus.PUBLISHED && v.price() != null,
                added));
          } else {
            ProductView p = products.get(productId).result();
            out.add(p == null
              ? new WishlistItemView(id, productId, null, null, null, null, null, null, null, false, 0, false, added)
              : productItem(id, p, shown, added));
          }
        }
        return new WishlistView(out);
      });
    });
  }

  /** The units of the variant shoppers can still put in a cart (as the product page says), 0 when its product is not shown. */
  private static int available(Future<ProductView> product, UUID variantId) {
    ProductView p = product == null ? null : product.result();
    if (p == null) {
      return 0;
    }
    return p.variants().stream().filter(v -> v.id().equals(variantId)).mapToInt(v -> Math.max(0, v.available())).findFirst().orElse(0);
  }

  private static WishlistItemView productItem(UUID id, ProductView p, String currency, Instant added) {
    Money lowest = null;
    int available = 0;
    for (Variant v : p.variants()) {
      Money price = v.price(currency);
      if (price != null && (lowest == null || price.amount() < lowest.amount())) {
        lowest = price;
      }
      available += Math.max(0, v.available());
    }
    return new WishlistItemView(id, p.id(), null, null, p.slug(), p.name(), null, p.media().isEmpty() ? null : p.media().get(0),
      lowest, p.variants().size() > 1, available, lowest != null, added);
  }

  /** The published product, or null when it is gone or not published. */
  private Future<ProductView> product(UUID id, String locale, Caller caller) {
    return bus.request(CatalogApi.GET_PRODUCT, new GetProduct(id, locale, false), caller)
      .recover(t -> Failure.from(t).errorCode() == ErrorCode.PRODUCT_NOT_FOUND ? Future.succeededFuture(null) : Future.failedFuture(t));
  }

  private static Failure itemNotFound() {
    return ErrorCode.WISHLIST_ITEM_NOT_FOUND.failure("no such item in your wishlist");
  }
}
