package io.kinetic.gateway.cart;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.kinetic.gateway.Bodies;
import io.kinetic.gateway.Replies;
import io.kinetic.gateway.Requests;
import io.kinetic.gateway.edge.EdgeContext;
import io.kinetic.gateway.edge.EdgeHandlers;
import io.kinetic.gateway.edge.GraphQlApi;
import io.kinetic.gateway.edge.RestOperations;
import io.kinetic.gateway.graphql.Gql;
import io.kinetic.gateway.graphql.SourceFields;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.cart.AcknowledgeCartChanges;
import io.kinetic.kernel.contract.cart.AddCartLine;
import io.kinetic.kernel.contract.cart.AddWishlistItem;
import io.kinetic.kernel.contract.cart.CartApi;
import io.kinetic.kernel.contract.cart.CartLineView;
import io.kinetic.kernel.contract.cart.CartRef;
import io.kinetic.kernel.contract.cart.CartView;
import io.kinetic.kernel.contract.cart.ClearCart;
import io.kinetic.kernel.contract.cart.CreateCart;
import io.kinetic.kernel.contract.cart.GetCart;
import io.kinetic.kernel.contract.cart.GetCurrencies;
import io.kinetic.kernel.contract.cart.GetWishlist;
import io.kinetic.kernel.contract.cart.MergeCarts;
import io.kinetic.kernel.contract.cart.MoveWishlistItemToCart;
import io.kinetic.kernel.contract.cart.RemoveCartLine;
import io.kinetic.kernel.contract.cart.RemoveWishlistItem;
import io.kinetic.kernel.contract.cart.SetCartCurrency;
import io.kinetic.kernel.contract.cart.SetCartLineQuantity;
import io.kinetic.kernel.contract.cart.WishlistItemView;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.kinetic.gateway.subscriptions.LiveCaller;
import io.kinetic.kernel.contract.catalog.AvailabilitiesChanged;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.CatalogEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.reactivestreams.Publisher;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The cart edge in one gateway instance: REST routes and shop GraphQL fetchers, each one bus
 * request naming the caller's cart by {@link CartCallers}. Cart answers are personal:
 * {@code Cache-Control: no-store}. A request that names no cart gets a new guest cart where that
 * makes sense (create, add a line) and CART_NOT_FOUND otherwise.
 */
final class CartHandlers implements EdgeHandlers {

  /** Body records of the REST routes (validated against the contract first). */
  record NewCart(String currency) {
  }

  record NewCartLine(UUID variantId, Integer quantity) {
  }

  record LineQuantity(Integer quantity) {
  }

  record Currency(String currency) {
  }

  record MergeBody(String cartToken) {
  }

  record NewWishlistItem(UUID productId, UUID variantId) {
  }

  record WishlistMove(UUID variantId, Integer quantity) {
  }

  /** {@code CartLine.options} and {@code WishlistItem.options} in GraphQL. */
  record Option(String key, String value) {
  }

  private final EdgeContext context;
  private final BusClient bus;
  private final CartCallers callers;

  CartHandlers(EdgeContext context) {
    this.context = context;
    this.bus = context.bus();
    this.callers = new CartCallers(context.access());
  }

  // ---- REST ----------------------------------------------------------------------------------

  @Override
  public void bindOperations(RestOperations operations) {
    operations.bind("createCart", rc -> {
      NewCart body = rc.body().isEmpty() ? new NewCart(null) : Bodies.read(rc, NewCart.class);
      String sent = rc.request().getHeader(CartCallers.HEADER);
      callers.ref(rc).compose(ref -> bus.request(CartApi.CREATE_CART, new CreateCart(ref, body.currency(), locale(rc),
          context.clientAddress().of(rc)),
          Requests.caller(rc)))
        .onComplete(Replies.to(rc, (r, cart) -> {
          if (cart.token() != null && sent != null && cart.token().equals(sent.strip())) {
            // the guest's live cart, answered with the token its caller sent
            noStore(r);
            r.response().putHeader(CartCallers.HEADER, cart.token());
            Replies.ok(r, cart);
          } else {
            cart(r, cart);
          }
        }));
    });
    operations.bind("getCurrencies", rc -> bus.request(CartApi.GET_CURRENCIES, new GetCurrencies(), Requests.caller(rc))
      .onComplete(Replies.to(rc, (r, currencies) -> {
        r.response().putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=60");
        Replies.ok(r, currencies);
      })));
    operations.bind("getCart", rc -> withCart(rc, (ref, caller) ->
      bus.request(CartApi.GET_CART, new GetCart(ref, locale(rc)), caller)));
    operations.bind("clearCart", rc -> withCart(rc, (ref, caller) ->
      bus.request(CartApi.CLEAR, new ClearCart(ref, locale(rc)), caller)));
    operations.bind("addCartLine", rc -> {
      NewCartLine body = Bodies.read(rc, NewCartLine.class);
      Caller caller = Requests.caller(rc);
      callers.ref(rc).compose(ref -> ref != null
          ? bus.request(CartApi.ADD_LINE, new AddCartLine(ref, body.variantId(), quantity(body.quantity()), locale(rc)), caller)
          : addToNewCart(body.variantId(), quantity(body.quantity()), locale(rc), context.clientAddress().of(rc), caller))
        .onComplete(Replies.to(rc, this::cart));
    });
    operations.bind("updateCartLine", rc -> {
      UUID variant = UUID.fromString(rc.pathParam("variantId"));
      LineQuantity body = Bodies.read(rc, LineQuantity.class);
      withCart(rc, (ref, caller) -> bus.request(CartApi.SET_LINE_QUANTITY,
        new SetCartLineQuantity(ref, variant, quantity(body.quantity()), locale(rc)), caller));
    });
    operations.bind("removeCartLine", rc -> {
      UUID variant = UUID.fromString(rc.pathParam("variantId"));
      withCart(rc, (ref, caller) -> bus.request(CartApi.REMOVE_LINE, new RemoveCartLine(ref, variant, locale(rc)), caller));
    });
    operations.bind("setCartCurrency", rc -> {
      Currency body = Bodies.read(rc, Currency.class);
      withCart(rc, (ref, caller) -> bus.request(CartApi.SET_CURRENCY, new SetCartCurrency(ref, body.currency(), locale(rc)), caller));
    });
    operations.bind("acknowledgeCartChanges", rc -> withCart(rc, (ref, caller) ->
      bus.request(CartApi.ACKNOWLEDGE, new AcknowledgeCartChanges(ref, locale(rc)), caller)));
    operations.bind("mergeCart", rc -> {
      MergeBody body = Bodies.read(rc, MergeBody.class);
      CartCallers.customer(Requests.principal(rc))
        .compose(ref -> bus.request(CartApi.MERGE, new MergeCarts(ref.customerId(), body.cartToken(), locale(rc)), Requests.caller(rc)))
        .onComplete(Replies.to(rc, (r, merge) -> noStore(r).ok(r, merge)));
    });
    operations.bind("getWishlist", rc -> withCustomer(rc, customer ->
      bus.request(CartApi.GET_WISHLIST, new GetWishlist(customer, rc.queryParams().get("currency"), locale(rc)), Requests.caller(rc))));
    operations.bind("addWishlistItem", rc -> {
      NewWishlistItem body = Bodies.read(rc, NewWishlistItem.class);
      withCustomer(rc, customer -> bus.request(CartApi.ADD_WISHLIST_ITEM,
        new AddWishlistItem(customer, body.productId(), body.variantId(), rc.queryParams().get("currency"), locale(rc)),
        Requests.caller(rc)));
    });
    operations.bind("removeWishlistItem", rc -> {
      UUID item = UUID.fromString(rc.pathParam("itemId"));
      withCustomer(rc, customer -> bus.request(CartApi.REMOVE_WISHLIST_ITEM,
        new RemoveWishlistItem(customer, item, rc.queryParams().get("currency"), locale(rc)), Requests.caller(rc)));
    });
    operations.bind("moveWishlistItemToCart", rc -> {
      UUID item = UUID.fromString(rc.pathParam("itemId"));
      WishlistMove body = rc.body().isEmpty() ? new WishlistMove(null, null) : Bodies.read(rc, WishlistMove.class);
      withCustomer(rc, customer -> bus.request(CartApi.MOVE_WISHLIST_ITEM_TO_CART,
        new MoveWishlistItemToCart(customer, item, body.variantId(), body.quantity(), locale(rc)), Requests.caller(rc)));
    });
  }

  private void withCart(RoutingContext rc, BiFunction<CartRef, Caller, Future<CartView>> call) {
    callers.ref(rc)
      .compose(ref -> ref == null ? Future.failedFuture(noCart()) : call.apply(ref, Requests.caller(rc)))
      .onComplete(Replies.to(rc, this::cart));
  }

  private void withCustomer(RoutingContext rc, java.util.function.Function<UUID, Future<?>> call) {
    CartCallers.customer(Requests.principal(rc))
      .compose(ref -> call.apply(ref.customerId()))
      .onComplete(Replies.to(rc, (r, body) -> noStore(r).ok(r, body)));
  }

  /** A cart reply: 201 with the token in {@code X-Cart-Token} when it created a guest cart. */
  private void cart(RoutingContext rc, CartView cart) {
    noStore(rc);
    if (cart.token() != null) {
      rc.response().putHeader(CartCallers.HEADER, cart.token());
      Replies.created(rc, cart);
    } else {
      Replies.ok(rc, cart);
    }
  }

  private static NoStore noStore(RoutingContext rc) {
    rc.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    return NoStore.INSTANCE;
  }

  /** Lets {@code noStore(rc).ok(rc, body)} read as one step. */
  private enum NoStore {
    INSTANCE;

    void ok(RoutingContext rc, Object body) {
      Replies.ok(rc, body);
    }
  }

  private Future<CartView> addToNewCart(UUID variant, int quantity, String locale, String clientIp, Caller caller) {
    return bus.request(CartApi.CREATE_CART, new CreateCart(null, null, locale, clientIp), caller)
      .compose(created -> bus.request(CartApi.ADD_LINE, new AddCartLine(CartRef.guest(created.token()), variant, quantity, locale), caller)
        .map(cart -> cart.withToken(created.token())));
  }

  private String locale(RoutingContext rc) {
    return context.locales().of(rc.request());
  }

  private static int quantity(Integer quantity) {
    if (quantity == null) {
      throw Failure.invalid("quantity", "is required");
    }
    return quantity;
  }

  private static Failure noCart() {
    return ErrorCode.CART_NOT_FOUND.failure("no cart: send the guest token as X-Cart-Token, or a customer access token");
  }

  // ---- GraphQL -------------------------------------------------------------------------------

  @Override
  public void wire(GraphQlApi api, RuntimeWiring.Builder wiring) {
    if (api != GraphQlApi.SHOP) {
      return;
    }
    wiring
      .type("Query", t -> t
        .dataFetcher("currencies", env -> bus.request(CartApi.GET_CURRENCIES, new GetCurrencies(), Gql.caller(env)))
        .dataFetcher("cart", env -> ref(env).compose(ref -> ref == null ? Future.succeededFuture(null)
          : bus.request(CartApi.GET_CART, new GetCart(ref, Gql.locale(env, context.locales())), Gql.caller(env))
          .recover(t2 -> Failure.from(t2).errorCode() == ErrorCode.CART_NOT_FOUND ? Future.succeededFuture(null) : Future.failedFuture(t2))))
        .dataFetcher("wishlist", env -> bus.request(CartApi.GET_WISHLIST,
          new GetWishlist(Gql.principal(env).id(), env.getArgument("currency"), Gql.locale(env, context.locales())), Gql.caller(env))))
      .type("Mutation", t -> t
        .dataFetcher("createCart", Gql.mutation(env -> ref(env).compose(ref -> bus.request(CartApi.CREATE_CART,
          new CreateCart(ref, env.getArgument("currency"), Gql.locale(env, context.locales()), context.clientAddress().of(Gql.rc(env))),
          Gql.caller(env)))))
        .dataFetcher("addToCart", Gql.mutation(env -> {
          UUID variant = Gql.id("variantId", env.getArgument("variantId"));
          int quantity = env.getArgument("quantity");
          String locale = Gql.locale(env, context.locales());
          return ref(env).compose(ref -> ref != null
            ? bus.request(CartApi.ADD_LINE, new AddCartLine(ref, variant, quantity, locale), Gql.caller(env))
            : addToNewCart(variant, quantity, locale, context.clientAddress().of(Gql.rc(env)), Gql.caller(env)));
        }))
        .dataFetcher("updateCartLine", cartMutation((env, ref) -> bus.request(CartApi.SET_LINE_QUANTITY,
          new SetCartLineQuantity(ref, Gql.id("variantId", env.getArgument("variantId")), env.getArgument("quantity"),
            Gql.locale(env, context.locales())), Gql.caller(env))))
        .dataFetcher("removeCartLine", cartMutation((env, ref) -> bus.request(CartApi.REMOVE_LINE,
          new RemoveCartLine(ref, Gql.id("variantId", env.getArgument("variantId")), Gql.locale(env, context.locales())), Gql.caller(env))))
        .dataFetcher("clearCart", cartMutation((env, ref) -> bus.request(CartApi.CLEAR,
          new ClearCart(ref, Gql.locale(env, context.locales())), Gql.caller(env))))
        .dataFetcher("setCartCurrency", cartMutation((env, ref) -> bus.request(CartApi.SET_CURRENCY,
          new SetCartCurrency(ref, env.getArgument("currency"), Gql.locale(env, context.locales())), Gql.caller(env))))
        .dataFetcher("acknowledgeCartChanges", cartMutation((env, ref) -> bus.request(CartApi.ACKNOWLEDGE,
          new AcknowledgeCartChanges(ref, Gql.locale(env, context.locales())), Gql.caller(env))))
        .dataFetcher("mergeCart", Gql.mutation(env -> bus.request(CartApi.MERGE,
          new MergeCarts(Gql.principal(env).id(), Gql.text("cartToken", env.getArgument("cartToken"), 1, 128), Gql.locale(env, context.locales())), Gql.caller(env))))
        .dataFetcher("addToWishlist", Gql.mutation(env -> bus.request(CartApi.ADD_WISHLIST_ITEM,
          new AddWishlistItem(Gql.principal(env).id(), Gql.id("productId", env.getArgument("productId")),
            env.getArgument("variantId") == null ? null : Gql.id("variantId", env.getArgument("variantId")),
            env.getArgument("currency"), Gql.locale(env, context.locales())), Gql.caller(env))))
        .dataFetcher("removeFromWishlist", Gql.mutation(env -> bus.request(CartApi.REMOVE_WISHLIST_ITEM,
          new RemoveWishlistItem(Gql.principal(env).id(), Gql.id("itemId", env.getArgument("itemId")),
            env.getArgument("currency"), Gql.locale(env, context.locales())), Gql.caller(env))))
        .dataFetcher("moveWishlistItemToCart", Gql.mutation(env -> bus.request(CartApi.MOVE_WISHLIST_ITEM_TO_CART,
          new MoveWishlistItemToCart(Gql.principal(env).id(), Gql.id("itemId", env.getArgument("itemId")),
            env.getArgument("variantId") == null ? null : Gql.id("variantId", env.getArgument("variantId")),
            env.getArgument("quantity"), Gql.locale(env, context.locales())), Gql.caller(env)))))
      .type("Subscription", t -> t.dataFetcher("cartChanged", this::cartChanged))
      .type("CartLine", t -> t.dataFetcher("options", SourceFields.of(CartLineView.class, line -> options(line.options()))))
      .type("WishlistItem", t -> t.dataFetcher("options", SourceFields.of(WishlistItemView.class, item -> options(item.options()))));
  }

  /**
   * {@code Subscription.cartChanged}: the caller's own cart (named by the connection's access token,
   * else its {@code cartToken}, which the cart context checks like an {@code X-Cart-Token}), sent
   * after each change of it on any node ({@code cart.changed.<id>}) and after each catalog event
   * about a product in it (price, stock, availability, publishing), bursts coalesced. Error
   * CART_NOT_FOUND when the connection names no cart; complete once the cart is gone (merged or expired).
   */
  private Future<Publisher<CartView>> cartChanged(DataFetchingEnvironment env) {
    LiveCaller live = LiveCaller.of(env);
    if (live == null) {
      return Future.failedFuture(ErrorCode.METHOD_NOT_ALLOWED.failure("subscriptions run over WebSocket"));
    }
    Future<CartRef> named = live.principal() != null ? CartCallers.customer(live.principal())
      : live.cartToken() != null ? Future.succeededFuture(CartRef.guest(live.cartToken()))
      : Future.failedFuture(noCart());
    String locale = Gql.locale(env, context.locales());
    Caller caller = live.caller();
    return named.compose(ref -> bus.request(CartApi.GET_CART, new GetCart(ref, locale), caller).map(first -> {
      Set<UUID> products = ConcurrentHashMap.newKeySet();
      first.lines().forEach(line -> {
        if (line.productId() != null) {
          products.add(line.productId());
        }
      });
      var addresses = new ArrayList<>(CART_PRODUCT_EVENTS);
      addresses.add(CartApi.Events.changed(first.id()));
      return context.live().<Boolean>on(addresses, body -> body instanceof AvailabilitiesChanged many
          ? (many.products().stream().anyMatch(p -> products.contains(p.productId())) ? Boolean.TRUE : null)
          : body instanceof CatalogEvent event
          ? (event.productId() != null && products.contains(event.productId()) ? Boolean.TRUE : null) : Boolean.TRUE)
        .coalesce((older, newer) -> Boolean.TRUE)
        .fetch(signal -> bus.request(CartApi.GET_CART, new GetCart(ref, locale), caller)
          .map(cart -> {
            cart.lines().forEach(line -> {
              if (line.productId() != null) {
                products.add(line.productId());
              }
            });
            return cart;
          })
          .recover(t -> Failure.from(t).errorCode() == ErrorCode.CART_NOT_FOUND ? Future.succeededFuture(GONE)
            : Future.failedFuture(t)))
        .until(cart -> cart == GONE)
        .publisher();
    }));
  }

  /** The catalog events that can change what a cart shows. */
  private static final List<String> CART_PRODUCT_EVENTS = List.of(CatalogApi.Events.PRICE_CHANGED,
    CatalogApi.Events.STOCK_CHANGED, CatalogApi.Events.AVAILABILITY_CHANGED, CatalogApi.Events.AVAILABILITIES_CHANGED,
    CatalogApi.Events.PRODUCT_UPDATED,
    CatalogApi.Events.PRODUCT_DELETED);

  /** The last message of a cart that is gone: its id is null. */
  private static final CartView GONE = new CartView(null, null, null, null, List.of(), 0, null, false, null, null, null, -1);

  private graphql.schema.DataFetcher<Future<Object>> cartMutation(BiFunction<DataFetchingEnvironment, CartRef, Future<?>> call) {
    return Gql.mutation(env -> ref(env).compose(ref -> ref == null ? Future.failedFuture(noCart()) : call.apply(env, ref)));
  }

  private Future<CartRef> ref(DataFetchingEnvironment env) {
    return callers.ref(Gql.rc(env));
  }

  private static List<Option> options(Map<String, String> options) {
    return options == null ? List.of() : options.entrySet().stream().map(e -> new Option(e.getKey(), e.getValue())).toList();
  }
}
