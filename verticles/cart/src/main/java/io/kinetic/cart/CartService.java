package io.kinetic.cart;

import io.kinetic.cart.CartScripts.Script;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.cart.AcknowledgeCartChanges;
import io.kinetic.kernel.contract.cart.AddCartLine;
import io.kinetic.kernel.contract.cart.CartApi;
import io.kinetic.kernel.contract.cart.CartClaimReleased;
import io.kinetic.kernel.contract.cart.CartMerge;
import io.kinetic.kernel.contract.cart.CartRef;
import io.kinetic.kernel.contract.cart.CartView;
import io.kinetic.kernel.contract.cart.ClaimCart;
import io.kinetic.kernel.contract.cart.CartsMerged;
import io.kinetic.kernel.contract.cart.ClearCart;
import io.kinetic.kernel.contract.cart.CreateCart;
import io.kinetic.kernel.contract.cart.GetCurrencies;
import io.kinetic.kernel.contract.cart.ShopCurrencies;
import io.kinetic.kernel.contract.cart.GetCart;
import io.kinetic.kernel.contract.cart.MergeAdjustment;
import io.kinetic.kernel.contract.cart.MergeCarts;
import io.kinetic.kernel.contract.cart.OrderedLinesTaken;
import io.kinetic.kernel.contract.cart.ReleaseCartClaim;
import io.kinetic.kernel.contract.cart.RemoveCartLine;
import io.kinetic.kernel.contract.cart.SetCartCurrency;
import io.kinetic.kernel.contract.cart.SetCartLineQuantity;
import io.kinetic.kernel.contract.cart.TakeOrderedLines;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.CatalogChanges;
import io.kinetic.kernel.contract.catalog.GetVariants;
import io.kinetic.kernel.contract.catalog.ProductStatus;
import io.kinetic.kernel.contract.catalog.VariantSummary;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.error.FieldError;
import io.kinetic.kernel.outbox.Outbox;
import io.kinetic.kernel.redis.WindowCounter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.Pool;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The cart operations. A cart is named by a {@link CartRef} only (customer id from a verified
 * token, or the guest token), never by its id, so no caller can reach another one's cart. Every
 * change is one script in Redis (the line and its reservation change together, atomically); a
 * customer's cart is then written through to PostgreSQL before the reply. Every reply is priced by
 * the catalog at that moment ({@link CartViews}). After a change, {@code cart.changed.<id>} is
 * published (no content) for live updates.
 */
final class CartService {

  /** 32 random bytes, base64url without padding: 256 bits. */
  private static final Pattern TOKEN = Pattern.compile("^[A-Za-z0-9_-]{43}$");
  private static final int CATALOG_BATCH = 100;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final CartScripts scripts;
  private final BusClient bus;
  private final Pool pool;
  private final CustomerCarts customers = new CustomerCarts();
  private final CartSettings settings;
  private final CartCreations creations;
  private final KnownVariants known;
  private final GuestCartLimiter newGuestCarts;

  CartService(Vertx vertx, CartScripts scripts, BusClient bus, Pool pool, CartSettings settings) {
    this.vertx = vertx;
    this.scripts = scripts;
    this.bus = bus;
    this.pool = pool;
    this.settings = settings;
    this.creations = new CartCreations(vertx, pool);
    this.known = new KnownVariants(CatalogChanges.of(vertx));
    this.newGuestCarts = new GuestCartLimiter(new WindowCounter(scripts.redis()), settings.cart().newGuestCartsPerMinute());
  }

  Future<CartView> get(GetCart q, Caller caller) {
    return open(q.ref(), q.locale(), caller).compose(state -> priced(state, q.locale(), caller));
  }

  /**
   * The cart, claimed for the order being placed from it ({@code claim.lua}): another order's claim
   * answers {@code CHECKOUT_IN_PROGRESS}. A customer's cart Redis lost is brought back first, as a
   * read does. The claim lapses after {@link #claimMillis()}; emptying the cart ends it.
   */
  Future<CartView> claim(ClaimCart q, Caller caller) {
    CartRef ref = q.ref();
    if (q.orderId() == null || ref == null || (ref.customerId() == null) == (ref.token() == null)
      || (!ref.isCustomer() && !TOKEN.matcher(ref.token()).matches())) {
      return Future.failedFuture(notFound());
    }
    // no attempt: a checkout node older than attempts (during a rolling deploy) claims for the order
    UUID attempt = q.attempt() != null ? q.attempt() : q.orderId();
    return claimOnce(ref, q.orderId(), attempt)
      .compose(state -> state != null ? Future.succeededFuture(state)
        // not in Redis: a customer's cart comes back from PostgreSQL (a guest's is gone), then the claim
        : open(ref, q.locale(), caller).compose(opened -> claimOnce(ref, q.orderId(), attempt))
          .compose(again -> again != null ? Future.succeededFuture(again) : Future.<CartState>failedFuture(notFound())))
      .compose(state -> priced(state, q.locale(), caller));
  }

  private Future<CartState> claimOnce(CartRef ref, UUID orderId, UUID attempt) {
    long ttl = ref.isCustomer() ? settings.customerTtlMillis() : settings.guestTtlMillis();
    return scripts.run(Script.CLAIM, List.of(key(ref), now(), Long.toString(ttl), Long.toString(claimMillis()), orderId.toString(),
        attempt.toString()))
      .compose(reply -> switch (reply.get(0).toString()) {
        case "OK" -> Future.succeededFuture(CartState.of(reply));
        case "CLAIMED" -> Future.failedFuture(ErrorCode.CHECKOUT_IN_PROGRESS.failure(
          "another order is being placed from this cart right now: its request answers the order"));
        default -> Future.succeededFuture((CartState) null);
      });
  }

  /** How long a placement's claim on its cart lasts at most: a minute, or four bus timeouts when longer. */
  long claimMillis() {
    return Math.max(60_000L, 4 * settings.busTimeoutMillis());
  }

  /** Ends the attempt's claim on the cart, if it still holds it. */
  Future<CartClaimReleased> releaseClaim(ReleaseCartClaim q, Caller caller) {
    CartRef ref = q.ref();
    if (q.orderId() == null || ref == null || (ref.customerId() == null) == (ref.token() == null)
      || (!ref.isCustomer() && !TOKEN.matcher(ref.token()).matches())) {
      return Future.failedFuture(notFound());
    }
    // no attempt: a node older than attempts gives the order's claim back
    return scripts.run(Script.UNCLAIM, List.of(key(ref), q.orderId().toString(), q.attempt() == null ? "" : q.attempt().toString()))
      .map(reply -> new CartClaimReleased(reply.toInteger() == 1));
  }

  /** The currencies carts sell in, a new cart's, and the most units of a line. */
  Future<ShopCurrencies> currencies(GetCurrencies q, Caller caller) {
    return Future.succeededFuture(new ShopCurrencies(List.copyOf(settings.cart().currencies()), settings.defaultCurrency(),
      settings.cart().maxLineQuantity()));
  }

  /**
   * The caller's live cart, or a new one: a customer's cart (brought back or created when they have
   * none); the guest cart the caller's token names, answered with that token (the caller sent it:
   * a storefront can keep the token of whichever answer); else a new guest cart with a new token
   * (no token, or one that names no cart: never issued, expired, merged). {@code currency} is the new
   * cart's; an existing cart stays in its own ({@code setCurrency} switches it). A new guest cart
   * counts against the client address's {@link GuestCartLimiter limit}.
   */
  Future<CartView> create(CreateCart q, Caller caller) {
    String currency = q.currency() == null ? settings.defaultCurrency() : q.currency();
    if (!settings.cart().currencies().contains(currency)) {
      return Future.failedFuture(unsupported(currency));
    }
    CartRef ref = q.ref();
    if (ref != null && ref.isCustomer()) {
      return open(ref, q.locale(), caller).compose(state -> priced(state, q.locale(), caller));
    }
    if (ref != null && ref.token() != null && TOKEN.matcher(ref.token()).matches()) {
      return view(key(ref), settings.guestTtlMillis()).compose(state -> state == null
        ? newGuestCart(currency, q.locale(), q.clientIp(), caller)
        : priced(state, q.locale(), caller).map(view -> view.withToken(ref.token())));
    }
    return newGuestCart(currency, q.locale(), q.clientIp(), caller);
  }

  private Future<CartView> newGuestCart(String currency, String locale, String clientIp, Caller caller) {
    String token = newToken();
    return newGuestCarts.acquire(clientIp)
      .compose(allowed -> scripts.run(Script.CREATE, List.of(key(CartRef.guest(token)), UUID.randomUUID().toString(),
        CartState.GUEST, currency, now(), Long.toString(settings.guestTtlMillis()))))
      .compose(reply -> creations.after(reply, caller))
      .compose(reply -> priced(CartState.of(reply), locale, caller))
      .map(view -> view.withToken(token));
  }

  Future<CartView> addLine(AddCartLine q, Caller caller) {
    return line(q.ref(), q.variantId(), q.quantity(), "add", q.locale(), caller);
  }

  Future<CartView> setQuantity(SetCartLineQuantity q, Caller caller) {
    return line(q.ref(), q.variantId(), q.quantity(), "set", q.locale(), caller);
  }

  Future<CartView> removeLine(RemoveCartLine q, Caller caller) {
    if (q.variantId() == null) {
      return Future.failedFuture(Failure.invalid("variantId", "is required"));
    }
    return remove(q.ref(), q.variantId().toString(), q.locale(), caller);
  }

  Future<CartView> clear(ClearCart q, Caller caller) {
    return remove(q.ref(), "*", q.locale(), caller);
  }

  /**
   * The lines of an order out of its cart ({@code ordered.lua}, as {@link OrderedLines} does for a
   * customer's {@code CartNotEmptied}); for the placement of a guest's order, whose cart only the
   * guest's token names. No cart, or another one now: nothing to do.
   */
  Future<OrderedLinesTaken> takeOrdered(TakeOrderedLines q, Caller caller) {
    CartRef ref = q.ref();
    if (ref == null || (!ref.isCustomer() && (ref.token() == null || !TOKEN.matcher(ref.token()).matches()))) {
      return Future.failedFuture(notFound());
    }
    // as read: the cart's id and each line's time; or neither, taken only while the order's claim is on the cart
    boolean asRead = q.cart() != null && q.cart().cartId() != null;
    if (q.cart() == null || (!asRead && q.orderId() == null) || q.cart().lines() == null || q.cart().lines().isEmpty()
      || q.cart().lines().stream().anyMatch(l -> l == null || l.variantId() == null || (l.addedAt() == null) == asRead
        || l.quantity() < 1)) {
      return Future.failedFuture(Failure.invalid(List.of(new FieldError("cart", "names the cart and the lines the order took"))));
    }
    var argv = new ArrayList<>(List.of(key(ref), now(),
      Long.toString(ref.isCustomer() ? settings.customerTtlMillis() : settings.guestTtlMillis()), reserveUntil(),
      asRead ? q.cart().cartId().toString() : "", q.orderId() == null ? "" : q.orderId().toString()));
    for (var line : q.cart().lines()) {
      argv.add(line.variantId().toString());
      argv.add(Integer.toString(line.quantity()));
      argv.add(asRead ? Long.toString(line.addedAt().toEpochMilli()) : "");
    }
    return scripts.run(Script.ORDERED, argv).compose(reply -> "OK".equals(reply.get(0).toString()) && reply.get(3).toInteger() == 1
      ? saved(CartState.of(reply)).map(state -> new OrderedLinesTaken(true))
      : Future.succeededFuture(new OrderedLinesTaken(false)));
  }

  Future<CartView> setCurrency(SetCartCurrency q, Caller caller) {
    if (q.currency() == null || !settings.cart().currencies().contains(q.currency())) {
      return Future.failedFuture(unsupported(q.currency()));
    }
    return seen(q.ref(), q.currency(), q.locale(), caller);
  }

  Future<CartView> acknowledge(AcknowledgeCartChanges q, Caller caller) {
    return seen(q.ref(), null, q.locale(), caller);
  }

  Future<CartMerge> merge(MergeCarts q, Caller caller) {
    if (q.customerId() == null || q.guestToken() == null || !TOKEN.matcher(q.guestToken()).matches()) {
      return Future.failedFuture(notFound());
    }
    CartRef customer = CartRef.customer(q.customerId());
    String guestKey = key(CartRef.guest(q.guestToken()));
    Future<CartState> guest = view(guestKey, settings.guestTtlMillis())
      .compose(state -> state == null ? Future.failedFuture(notFound()) : Future.succeededFuture(state));
    // the customer's cart must be in Redis first (brought back from PostgreSQL if Redis lost it)
    return Future.all(guest, open(customer, q.locale(), caller)).compose(all -> {
      CartState g = guest.result();
      return variants(g.variantIds(), null, q.locale(), caller).compose(found -> {
        var argv = new ArrayList<>(List.of(guestKey, key(customer), now(), Long.toString(settings.customerTtlMillis()),
          reserveUntil(), Integer.toString(settings.cart().maxLineQuantity()), UUID.randomUUID().toString(),
          q.customerId().toString()));
        for (UUID id : g.variantIds()) {
          VariantSummary v = found.get(id);
          argv.add(id.toString());
          argv.add(v == null ? "0" : Integer.toString(v.onHand()));
          argv.add(v == null ? "0" : Long.toString(v.productVersion()));
          argv.add(stockSeq(v));
        }
        return scripts.run(Script.MERGE, argv);
      }).compose(reply -> {
        if ("NO_CART".equals(reply.get(0).toString())) {
          return Future.failedFuture(notFound());
        }
        if ("CLAIMED".equals(reply.get(0).toString())) {
          return Future.failedFuture(ErrorCode.CHECKOUT_IN_PROGRESS.failure(
            "an order is being placed from the guest's or the customer's cart right now: merge after that order's answer"));
        }
        CartState state = CartState.of(reply);
        var adjustments = new ArrayList<MergeAdjustment>();
        for (Response a : reply.get(3)) {
          adjustments.add(new MergeAdjustment(UUID.fromString(a.get(0).toString()), a.get(1).toInteger(),
            a.get(2).toInteger(), a.get(3).toString()));
        }
        UUID guestCartId = UUID.fromString(reply.get(4).toString());
        var event = new CartsMerged(UUID.randomUUID(), Instant.now(), state.id(), guestCartId, q.customerId(), state.version());
        Future<Void> stored = pool.withTransaction(tx -> customers.save(tx, state).compose(v -> Outbox.append(tx, event, caller)));
        return stored.compose(v -> {
          changed(state);
          vertx.eventBus().publish(CartApi.Events.changed(guestCartId), guestCartId.toString());
          return priced(state, q.locale(), caller);
        }).map(view -> new CartMerge(view, List.copyOf(adjustments)));
      });
    });
  }

  // ---- the steps -----------------------------------------------------------------------------

  /**
   * Adds to or sets a line. The variant is read in the catalogue's default currency and the script
   * runs straight away (one Redis round trip); when the cart is in another currency the script
   * changes nothing and names it, and the variant is read again in that one. A customer's cart not
   * in Redis is brought back (or created) first. The reply is priced from the variants already read.
   */
  private Future<CartView> line(CartRef ref, UUID variantId, int quantity, String mode, String locale, Caller caller) {
    if (variantId == null) {
      return Future.failedFuture(Failure.invalid("variantId", "is required"));
    }
    int max = settings.cart().maxLineQuantity();
    if (quantity < 1 || quantity > max) {
      return Future.failedFuture(Failure.invalid("quantity", "must be between 1 and " + max));
    }
    if (ref == null || (ref.customerId() == null) == (ref.token() == null)
      || (!ref.isCustomer() && !TOKEN.matcher(ref.token()).matches())) {
      return Future.failedFuture(notFound());
    }
    String currency = settings.defaultCurrency();
    return variants(List.of(variantId), currency, locale, caller)
      .compose(found -> line(ref, variantId, quantity, mode, locale, caller, found, currency, 0));
  }

  private Future<CartView> line(CartRef ref, UUID variantId, int quantity, String mode, String locale, Caller caller,
                                Map<UUID, VariantSummary> found, String currency, int attempt) {
    VariantSummary v = found.get(variantId);
    if (v == null) {
      return Future.failedFuture(ErrorCode.VARIANT_NOT_FOUND.failure("no variant " + variantId));
    }
    if (v.status() != ProductStatus.PUBLISHED) {
      return Future.failedFuture(ErrorCode.PRODUCT_NOT_AVAILABLE.failure(v.sku() + " is not on sale"));
    }
    int max = settings.cart().maxLineQuantity();
    long ttl = ref.isCustomer() ? settings.customerTtlMillis() : settings.guestTtlMillis();
    return scripts.run(Script.LINE, List.of(key(ref), now(), Long.toString(ttl), reserveUntil(),
        variantId.toString(), Integer.toString(quantity), mode, Integer.toString(max),
        Integer.toString(settings.cart().maxLines()), Integer.toString(v.onHand()), Long.toString(v.productVersion()),
        v.price() == null ? "" : Long.toString(v.price().amount()), currency, stockSeq(v)))
      .compose(reply -> switch (reply.get(0).toString()) {
        case "OK" -> saved(CartState.of(reply)).compose(state -> priced(state, found, locale, caller));
        case "CURRENCY" -> attempt > 2 ? Future.failedFuture(new IllegalStateException("the cart's currency keeps changing"))
          : variants(List.of(variantId), reply.get(1).toString(), locale, caller).compose(again ->
            line(ref, variantId, quantity, mode, locale, caller, again, reply.get(1).toString(), attempt + 1));
        case "NO_CART" -> ref.isCustomer() && attempt < 2
          ? open(ref, locale, caller).compose(state -> line(ref, variantId, quantity, mode, locale, caller, found, currency, attempt + 1))
          : Future.failedFuture(notFound());
        case "NO_PRICE" -> Future.failedFuture(ErrorCode.PRODUCT_NOT_AVAILABLE.failure(v.sku() + " has no price in " + currency));
        case "NO_LINE" -> Future.failedFuture(lineNotFound(variantId));
        case "FULL" -> Future.failedFuture(ErrorCode.CART_FULL.failure(
          "a cart holds at most " + settings.cart().maxLines() + " different variants"));
        case "LIMIT" -> Future.failedFuture(Failure.withAvailable(ErrorCode.LINE_LIMIT_EXCEEDED,
          "at most " + max + " units of one variant per cart", reply.get(1).toInteger()));
        case "OUT_OF_STOCK" -> Future.failedFuture(Failure.withAvailable(ErrorCode.OUT_OF_STOCK,
          "not enough stock of " + v.sku() + ": " + reply.get(1).toInteger() + " more available", reply.get(1).toInteger()));
        default -> Future.failedFuture(new IllegalStateException("cart script answered " + reply));
      });
  }

  private Future<CartView> remove(CartRef ref, String variant, String locale, Caller caller) {
    return open(ref, locale, caller)
      .compose(state -> scripts.run(Script.REMOVE, List.of(key(ref, state), now(), Long.toString(ttl(state)), reserveUntil(), variant)))
      .compose(reply -> switch (reply.get(0).toString()) {
        case "OK" -> saved(CartState.of(reply));
        case "NO_LINE" -> Future.failedFuture(lineNotFound(variant));
        default -> Future.failedFuture(notFound());
      })
      .compose(state -> priced(state, locale, caller));
  }

  /** Sets the seen prices to the current ones (in {@code currency}, when switching to it). */
  private Future<CartView> seen(CartRef ref, String currency, String locale, Caller caller) {
    return open(ref, locale, caller).compose(state -> {
      String target = currency == null ? state.currency() : currency;
      return variants(state.variantIds(), target, locale, caller).compose(found -> {
        var argv = new ArrayList<>(List.of(key(ref, state), now(), Long.toString(ttl(state)), reserveUntil(),
          currency == null ? "" : currency));
        for (UUID id : state.variantIds()) {
          VariantSummary v = found.get(id);
          argv.add(id.toString());
          argv.add(v == null || v.price() == null ? "" : Long.toString(v.price().amount()));
          argv.add(v == null || v.price() == null ? "" : v.price().currency());
        }
        return scripts.run(Script.SEEN, argv);
      });
    }).compose(reply -> "OK".equals(reply.get(0).toString()) ? saved(CartState.of(reply)) : Future.failedFuture(notFound()))
      .compose(state -> priced(state, locale, caller));
  }

  /**
   * The cart of {@code ref} as it is in Redis. A guest cart that is not there is CART_NOT_FOUND; a
   * customer's comes back from PostgreSQL when Redis lost it, or is created empty.
   */
  private Future<CartState> open(CartRef ref, String locale, Caller caller) {
    if (ref == null || (ref.customerId() == null) == (ref.token() == null)) {
      return Future.failedFuture(notFound());
    }
    if (!ref.isCustomer() && !TOKEN.matcher(ref.token()).matches()) {
      return Future.failedFuture(notFound());
    }
    String key = key(ref);
    long ttl = ref.isCustomer() ? settings.customerTtlMillis() : settings.guestTtlMillis();
    return view(key, ttl).compose(state -> {
      if (state != null) {
        return Future.succeededFuture(state);
      }
      if (!ref.isCustomer()) {
        return Future.failedFuture(notFound());
      }
      return customers.load(pool, ref.customerId()).compose(fields -> fields == null
        ? scripts.run(Script.CREATE, List.of(key, UUID.randomUUID().toString(), ref.customerId().toString(),
          settings.defaultCurrency(), now(), Long.toString(ttl))).compose(reply -> creations.after(reply, caller)).map(CartState::of)
        : restore(key, fields, ttl, locale, caller));
    });
  }

  private Future<CartState> restore(String key, Map<String, String> fields, long ttl, String locale, Caller caller) {
    CartState stored = CartState.of(fields, Map.of());
    return variants(stored.variantIds(), null, locale, caller).compose(found -> {
      var argv = new ArrayList<>(List.of(key, now(), Long.toString(ttl), reserveUntil(), Integer.toString(fields.size() * 2)));
      fields.forEach((k, v) -> {
        argv.add(k);
        argv.add(v);
      });
      for (UUID id : stored.variantIds()) {
        VariantSummary v = found.get(id);
        if (v != null) {
          argv.add(id.toString());
          argv.add(Integer.toString(v.onHand()));
          argv.add(Long.toString(v.productVersion()));
          argv.add(stockSeq(v));
        }
      }
      return scripts.run(Script.RESTORE, argv).map(CartState::of);
    });
  }

  /** The figure's stock sequence for the scripts ('' when the catalog did not say it). */
  static String stockSeq(VariantSummary v) {
    return stockSeq(v == null ? null : v.stockSeq());
  }

  /** A stock sequence for the scripts ('' for none). */
  static String stockSeq(Long seq) {
    return seq == null ? "" : Long.toString(seq);
  }

  private Future<CartState> view(String key, long ttl) {
    return scripts.run(Script.VIEW, List.of(key, now(), Long.toString(ttl)))
      .map(reply -> "OK".equals(reply.get(0).toString()) ? CartState.of(reply) : null);
  }

  /** After a change: a customer's cart is written through to PostgreSQL; listeners hear of it. */
  private Future<CartState> saved(CartState state) {
    Future<Void> stored = state.customerId() == null ? Future.succeededFuture() : customers.save(pool, state);
    return stored.map(v -> {
      changed(state);
      return state;
    });
  }

  private void changed(CartState state) {
    vertx.eventBus().publish(CartApi.Events.changed(state.id()), state.id().toString());
  }

  private Future<CartView> priced(CartState state, String locale, Caller caller) {
    return priced(state, Map.of(), locale, caller);
  }

  /** Prices the cart; {@code read}: variants already read in the cart's currency, not asked for again. */
  private Future<CartView> priced(CartState state, Map<UUID, VariantSummary> read, String locale, Caller caller) {
    List<UUID> missing = state.variantIds().stream().filter(id -> !read.containsKey(id)).toList();
    if (missing.isEmpty()) {
      return Future.succeededFuture(CartViews.view(state, read, ttl(state)));
    }
    return variants(missing, state.currency(), locale, caller).map(found -> {
      var all = new HashMap<UUID, VariantSummary>(read);
      all.putAll(found);
      return CartViews.view(state, all, ttl(state));
    });
  }

  /**
   * The catalog's variants, by id (missing ones absent): those known on this node since the catalog
   * here last changed ({@link KnownVariants}), the others asked for in batches of {@value #CATALOG_BATCH}.
   */
  Future<Map<UUID, VariantSummary>> variants(List<UUID> ids, String currency, String locale, Caller caller) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    var found = new HashMap<UUID, VariantSummary>();
    List<UUID> missing = known.lookup(ids, currency, locale, found);
    if (missing.isEmpty()) {
      return Future.succeededFuture(found);
    }
    long generation = known.generation();
    long askedAt = System.currentTimeMillis();
    var batches = new ArrayList<Future<List<VariantSummary>>>();
    for (int i = 0; i < missing.size(); i += CATALOG_BATCH) {
      var batch = List.copyOf(missing.subList(i, Math.min(missing.size(), i + CATALOG_BATCH)));
      batches.add(bus.request(CatalogApi.GET_VARIANTS, new GetVariants(batch, List.of(), currency, locale), caller)
        .map(list -> list.items()));
    }
    return Future.all(batches).map(all -> {
      var answered = new HashMap<UUID, VariantSummary>();
      batches.forEach(f -> f.result().forEach(v -> answered.put(v.variantId(), v)));
      known.remember(answered, currency, locale, generation, askedAt);
      found.putAll(answered);
      return found;
    });
  }

  // ---- small things --------------------------------------------------------------------------

  private long ttl(CartState state) {
    return state.customerId() != null ? settings.customerTtlMillis() : settings.guestTtlMillis();
  }

  static String key(CartRef ref) {
    return ref.isCustomer() ? "cart:c:" + ref.customerId() : "cart:g:" + ref.token();
  }

  private static String key(CartRef ref, CartState state) {
    return key(ref);
  }

  private String reserveUntil() {
    return Long.toString(System.currentTimeMillis() + settings.reservationMillis());
  }

  private static String now() {
    return Long.toString(System.currentTimeMillis());
  }

  static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static Failure notFound() {
    return ErrorCode.CART_NOT_FOUND.failure("no such cart: the token is unknown or expired, or the cart was merged");
  }

  private static Failure lineNotFound(Object variant) {
    return ErrorCode.CART_LINE_NOT_FOUND.failure("the cart has no line for variant " + variant);
  }

  private Failure unsupported(String currency) {
    return unsupported(settings.cart().currencies(), currency);
  }

  /**
   * Why {@code currency} is refused: not a currency code at all (VALIDATION_FAILED, as the REST
   * contract answers; the input is not echoed: a GraphQL argument has no length limit), or one the
   * shop does not sell in (CURRENCY_NOT_SUPPORTED, naming it).
   */
  static Failure unsupported(java.util.List<String> sold, String currency) {
    if (currency == null || !currency.matches("[A-Z]{3}")) {
      return Failure.invalid("currency", "must be three capital letters (an ISO 4217 code)");
    }
    return ErrorCode.CURRENCY_NOT_SUPPORTED.failure("the shop sells in " + String.join(", ", sold) + ", not " + currency);
  }
}
