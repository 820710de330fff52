package io.kinetic.gateway.checkout;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.kinetic.gateway.Principal;
import io.kinetic.gateway.Replies;
import io.kinetic.gateway.edge.EdgeContext;
import io.kinetic.gateway.graphql.Gql;
import io.kinetic.gateway.graphql.GqlTypes;
import io.kinetic.gateway.graphql.SourceFields;
import io.kinetic.gateway.idempotency.IdempotencyKeys;
import io.kinetic.gateway.subscriptions.LiveCaller;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.contract.cart.CartRef;
import io.kinetic.kernel.contract.checkout.CancelOrder;
import io.kinetic.kernel.contract.checkout.CheckoutApi;
import io.kinetic.kernel.contract.checkout.DecideReturn;
import io.kinetic.kernel.contract.checkout.FulfilOrder;
import io.kinetic.kernel.contract.checkout.LineQuantity;
import io.kinetic.kernel.contract.checkout.MarkDelivered;
import io.kinetic.kernel.contract.checkout.ReceiveReturn;
import io.kinetic.kernel.contract.checkout.RefundOrder;
import io.kinetic.kernel.contract.checkout.RequestReturn;
import io.kinetic.kernel.contract.checkout.CheckoutDetails;
import io.kinetic.kernel.contract.checkout.ConfirmPayment;
import io.kinetic.kernel.contract.checkout.DeleteShippingZone;
import io.kinetic.kernel.contract.checkout.DeleteTaxRate;
import io.kinetic.kernel.contract.checkout.GetCheckoutSettings;
import io.kinetic.kernel.contract.checkout.GetOrder;
import io.kinetic.kernel.contract.checkout.GetOrderDetail;
import io.kinetic.kernel.contract.checkout.GetPaymentConfig;
import io.kinetic.kernel.contract.checkout.GetShippingCountries;
import io.kinetic.kernel.contract.checkout.ListMyOrders;
import io.kinetic.kernel.contract.checkout.ListOrders;
import io.kinetic.kernel.contract.checkout.OrderAccess;
import io.kinetic.kernel.contract.checkout.OrderAddress;
import io.kinetic.kernel.contract.checkout.OrderPage;
import io.kinetic.kernel.contract.checkout.PayWithTestCard;
import io.kinetic.kernel.contract.checkout.PlaceOrder;
import io.kinetic.kernel.contract.checkout.PricedLine;
import io.kinetic.kernel.contract.checkout.QuoteCheckout;
import io.kinetic.kernel.contract.checkout.SaveCheckoutSettings;
import io.kinetic.kernel.contract.checkout.SaveShippingZone;
import io.kinetic.kernel.contract.checkout.SaveTaxRate;
import io.kinetic.kernel.contract.checkout.ShippingMethod;
import io.kinetic.kernel.contract.checkout.ShippingZoneInput;
import io.kinetic.kernel.contract.checkout.TaxRate;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.error.FieldError;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Data fetchers of the checkout's GraphQL fields: the storefront's quotes, orders and payments
 * (graphql/checkout/shop.graphqls) and staff's orders and settings (graphql/checkout/admin.graphqls),
 * each one bus request like the REST operation it mirrors. They only translate: arguments into the
 * {@link CheckoutApi} request (whose cart and which orders from the credentials, by
 * {@link CheckoutCallers}), replies into the schema's shapes (maps as lists), and the fields of a
 * VALIDATION_FAILED into the arguments' paths as the caller wrote them ({@code input.email},
 * {@code first}); every rule is checkout's. Who may run a field is its {@code @auth}.
 */
final class CheckoutFetchers {

  /** {@code PricedLine.options} in GraphQL (the schema's {@code Option}). */
  record Option(String key, String value) {
  }

  /** {@code ShippingMethod.prices} and {@code .freeAbove} in GraphQL (the schema's {@code Money}). */
  record Amount(long amount, String currency) {
  }

  /** The page size when none is given, as over REST. */
  static final int DEFAULT_PAGE = 20;

  private final EdgeContext context;
  private final BusClient bus;

  CheckoutFetchers(EdgeContext context) {
    this.context = context;
    this.bus = context.bus();
  }

  // ---- storefront ----------------------------------------------------------------------------

  void wireShop(RuntimeWiring.Builder wiring) {
    wiring
      .type("Query", t -> t
        .dataFetcher("checkoutQuote", env -> {
          personal(env);
          CheckoutDetails details = details(env.getArgument("input"));
          String locale = Gql.locale(env, context.locales());
          return inputFields(cart(env).compose(ref -> bus.request(CheckoutApi.QUOTE, new QuoteCheckout(ref, details, locale),
            Gql.caller(env))));
        })
        .dataFetcher("paymentConfig", env -> bus.request(CheckoutApi.PAYMENT_CONFIG, new GetPaymentConfig(), Gql.caller(env)))
        .dataFetcher("shippingCountries", env -> bus.request(CheckoutApi.GET_SHIPPING_COUNTRIES, new GetShippingCountries(env.getArgument("currency")), Gql.caller(env)))
        .dataFetcher("myOrders", env -> connection(named(bus.request(CheckoutApi.LIST_MY_ORDERS,
          new ListMyOrders(Gql.principal(env).id(), first(env), env.getArgument("after")), Gql.caller(env)),
          CheckoutFetchers::pageField)))
        .dataFetcher("order", env -> {
          personal(env);
          UUID id = Gql.id("id", env.getArgument("id"));
          return bus.request(CheckoutApi.GET_ORDER, new GetOrder(id, access(env)), Gql.caller(env));
        }))
      .type("Mutation", t -> t
        .dataFetcher("placeOrder", Gql.mutation(env -> {
          CheckoutDetails details = details(env.getArgument("input"));
          RoutingContext rc = Gql.rc(env);
          String key = rc == null ? null : rc.request().getHeader(IdempotencyKeys.HEADER);
          String locale = Gql.locale(env, context.locales());
          return named(cart(env).compose(ref -> bus.request(CheckoutApi.PLACE_ORDER, new PlaceOrder(ref, details, key, locale),
            Gql.caller(env))), field -> "requestKey".equals(field) ? IdempotencyKeys.HEADER : "input." + field);
        }))
        .dataFetcher("payWithTestCard", Gql.mutation(env -> bus.request(CheckoutApi.PAY_WITH_TEST_CARD,
          new PayWithTestCard(Gql.id("orderId", env.getArgument("orderId")), access(env), env.getArgument("card")),
          Gql.caller(env))))
        .dataFetcher("confirmPayment", Gql.mutation(env -> bus.request(CheckoutApi.CONFIRM_PAYMENT,
          new ConfirmPayment(Gql.id("orderId", env.getArgument("orderId")), access(env)), Gql.caller(env))))
        .dataFetcher("requestReturn", Gql.mutation(env -> named(bus.request(CheckoutApi.REQUEST_RETURN,
          new RequestReturn(Gql.id("orderId", env.getArgument("orderId")), access(env), quantities("lines", env.getArgument("lines")),
            env.getArgument("reason"), key(env)), Gql.caller(env)), field -> field))))
      .type("PricedLine", t -> t.dataFetcher("options", SourceFields.of(PricedLine.class, line -> options(line.options()))));
  }

  /**
   * The caller's cart, as the cart edge names it: over HTTP the verified access token, else the
   * {@code X-Cart-Token} header; over a WebSocket connection its {@code connection_init} payload.
   */
  private Future<CartRef> cart(DataFetchingEnvironment env) {
    RoutingContext rc = Gql.rc(env);
    if (rc != null) {
      return context.access().optionalPrincipal(rc)
        .compose(principal -> CheckoutCallers.cart(principal, rc.request().getHeader(CheckoutHandlers.CART_TOKEN)));
    }
    LiveCaller live = LiveCaller.of(env);
    return CheckoutCallers.cart(live == null ? null : live.principal(), live == null ? null : live.cartToken());
  }

  /**
   * A field whose answer is the caller's own (a cart priced, an order) whoever asks: {@code
   * Cache-Control: no-store}, as over REST, also for a GET without a bearer token (a guest's
   * X-Cart-Token, an order's {@code accessToken}), which the path's rule leaves storable.
   */
  private static void personal(DataFetchingEnvironment env) {
    RoutingContext rc = Gql.rc(env);
    if (rc != null) {
      rc.response().headers().set(HttpHeaders.CACHE_CONTROL, "no-store");
    }
  }

  /** Who asks for an order: the customer of the token, else the holder of the {@code accessToken} argument. */
  private static OrderAccess access(DataFetchingEnvironment env) {
    Principal principal = Gql.principal(env);
    return CheckoutCallers.order(principal, Gql.text("accessToken", env.getArgument("accessToken"), 1, 100));
  }

  @SuppressWarnings("unchecked")
  private static CheckoutDetails details(Map<String, Object> in) {
    if (in == null) {
      return null;
    }
    Object method = in.get("shippingMethodId");
    Object expected = in.get("expectedTotal");
    return new CheckoutDetails((String) in.get("email"), address((Map<String, Object>) in.get("shippingAddress")),
      address((Map<String, Object>) in.get("billingAddress")),
      method == null ? null : Gql.id("input.shippingMethodId", method),
      expected == null ? null : ((Number) expected).longValue());
  }

  private static OrderAddress address(Map<String, Object> in) {
    return in == null ? null : new OrderAddress((String) in.get("name"), (String) in.get("company"), (String) in.get("line1"),
      (String) in.get("line2"), (String) in.get("postalCode"), (String) in.get("city"), (String) in.get("region"),
      (String) in.get("country"), (String) in.get("phone"));
  }

  private static String key(DataFetchingEnvironment env) {
    RoutingContext rc = Gql.rc(env);
    return rc == null ? null : rc.request().getHeader(IdempotencyKeys.HEADER);
  }

  @SuppressWarnings("unchecked")
  private static List<LineQuantity> quantities(String field, Object value) {
    if (value == null) {
      return null;
    }
    var out = new java.util.ArrayList<LineQuantity>();
    int i = 0;
    for (Object o : (List<Object>) value) {
      Map<String, Object> line = (Map<String, Object>) o;
      out.add(new LineQuantity(Gql.id(field + "[" + i + "].variantId", line.get("variantId")), ((Number) line.get("quantity")).intValue()));
      i++;
    }
    return out;
  }

  private static List<Option> options(Map<String, String> options) {
    return options == null ? List.of() : options.entrySet().stream().map(e -> new Option(e.getKey(), e.getValue())).toList();
  }

  // ---- admin ---------------------------------------------------------------------------------

  void wireAdmin(RuntimeWiring.Builder wiring) {
    wiring
      .type("Query", t -> t
        .dataFetcher("orders", this::orders)
        .dataFetcher("order", env -> bus.request(CheckoutApi.GET_ORDER_DETAIL,
          new GetOrderDetail(Gql.id("id", env.getArgument("id"))), Gql.caller(env)))
        .dataFetcher("checkoutSettings", env -> bus.request(CheckoutApi.GET_SETTINGS, new GetCheckoutSettings(), Gql.caller(env))))
      .type("Mutation", t -> t
        .dataFetcher("updateCheckoutSettings", Gql.mutation(env -> {
          Map<String, Object> in = env.getArgument("input");
          return inputFields(bus.request(CheckoutApi.SAVE_SETTINGS,
            new SaveCheckoutSettings((Boolean) in.get("pricesIncludeTax"), (String) in.get("defaultCountry")), Gql.caller(env)));
        }))
        .dataFetcher("saveTaxRate", Gql.mutation(env -> named(bus.request(CheckoutApi.SAVE_TAX_RATE,
          new SaveTaxRate(new TaxRate(env.getArgument("country"), env.getArgument("taxClass"), env.<Integer>getArgument("rate"))),
          Gql.caller(env)), field -> field)))
        .dataFetcher("deleteTaxRate", Gql.mutation(env -> bus.request(CheckoutApi.DELETE_TAX_RATE,
          new DeleteTaxRate(env.getArgument("country"), env.getArgument("taxClass")), Gql.caller(env))))
        .dataFetcher("saveShippingZone", Gql.mutation(env -> {
          Object id = env.getArgument("id");
          var command = new SaveShippingZone(id == null ? null : Gql.id("id", id), zone(env.getArgument("input")));
          return named(bus.request(CheckoutApi.SAVE_SHIPPING_ZONE, command, Gql.caller(env)),
            field -> "zone".equals(field) ? "input" : "input." + field);
        }))
        .dataFetcher("deleteShippingZone", Gql.mutation(env -> bus.request(CheckoutApi.DELETE_SHIPPING_ZONE,
          new DeleteShippingZone(Gql.id("id", env.getArgument("id"))), Gql.caller(env))))
        .dataFetcher("fulfilOrder", Gql.mutation(env -> {
          Map<String, Object> in = env.getArgument("input");
          return named(bus.request(CheckoutApi.FULFIL_ORDER, new FulfilOrder(Gql.id("orderId", env.getArgument("orderId")),
            quantities("input.lines", in.get("lines")), (String) in.get("carrier"), (String) in.get("trackingNumber"),
            (String) in.get("trackingUrl"), key(env)), Gql.caller(env)), field -> "input." + field);
        }))
        .dataFetcher("markOrderDelivered", Gql.mutation(env -> bus.request(CheckoutApi.MARK_DELIVERED,
          new MarkDelivered(Gql.id("orderId", env.getArgument("orderId"))), Gql.caller(env))))
        .dataFetcher("cancelOrder", Gql.mutation(env -> bus.request(CheckoutApi.CANCEL_ORDER,
          new CancelOrder(Gql.id("orderId", env.getArgument("orderId")), env.getArgument("reason")), Gql.caller(env))))
        .dataFetcher("refundOrder", Gql.mutation(env -> {
          Map<String, Object> in = env.getArgument("input");
          Object amount = in.get("amount");
          Object returnId = in.get("returnId");
          return named(bus.request(CheckoutApi.REFUND_ORDER, new RefundOrder(Gql.id("orderId", env.getArgument("orderId")),
            amount == null ? null : ((Number) amount).longValue(), quantities("input.lines", in.get("lines")),
            returnId == null ? null : Gql.id("input.returnId", returnId), (String) in.get("reason"), key(env)), Gql.caller(env)),
            field -> "input." + field);
        }))
        .dataFetcher("decideReturn", Gql.mutation(env -> bus.request(CheckoutApi.DECIDE_RETURN,
          new DecideReturn(Gql.id("orderId", env.getArgument("orderId")), Gql.id("returnId", env.getArgument("returnId")),
            env.<Boolean>getArgument("approve"), env.getArgument("note")), Gql.caller(env))))
        .dataFetcher("receiveReturn", Gql.mutation(env -> bus.request(CheckoutApi.RECEIVE_RETURN,
          new ReceiveReturn(Gql.id("orderId", env.getArgument("orderId")), Gql.id("returnId", env.getArgument("returnId")),
            env.<Boolean>getArgument("restock")), Gql.caller(env)))))
      .type("ShippingMethod", t -> t
        .dataFetcher("prices", SourceFields.of(ShippingMethod.class, method -> amounts(method.prices())))
        .dataFetcher("freeAbove", SourceFields.of(ShippingMethod.class, method -> amounts(method.freeAbove()))))
      .type("PricedLine", t -> t.dataFetcher("options", SourceFields.of(PricedLine.class, line -> options(line.options()))));
  }

  private Future<GqlTypes.Connection> orders(DataFetchingEnvironment env) {
    Map<String, Object> filter = env.getArgument("filter");
    Map<String, Object> f = filter == null ? Map.of() : filter;
    Object customer = f.get("customerId");
    var query = new ListOrders((String) f.get("state"), (Instant) f.get("from"), (Instant) f.get("to"),
      customer == null ? null : Gql.id("filter.customerId", customer), (String) f.get("email"), (String) f.get("number"),
      first(env), env.getArgument("after"));
    return connection(named(bus.request(CheckoutApi.LIST_ORDERS, query, Gql.caller(env)),
      field -> "limit".equals(field) ? "first" : "filter." + field));
  }

  /** A zone as staff wrote it; each list of amounts becomes a map by currency (a currency twice is VALIDATION_FAILED). */
  @SuppressWarnings("unchecked")
  private static ShippingZoneInput zone(Map<String, Object> in) {
    var errors = new ArrayList<FieldError>();
    var methods = new ArrayList<ShippingMethod>();
    List<Map<String, Object>> given = (List<Map<String, Object>>) in.get("methods");
    for (int i = 0; i < given.size(); i++) {
      Map<String, Object> m = given.get(i);
      String at = "input.methods[" + i + "]";
      Object id = m.get("id");
      methods.add(new ShippingMethod(id == null ? null : Gql.id(at + ".id", id), (String) m.get("name"),
        byCurrency((List<Map<String, Object>>) m.get("prices"), at + ".prices", errors),
        byCurrency((List<Map<String, Object>>) m.get("freeAbove"), at + ".freeAbove", errors),
        (Integer) m.get("minDays"), (Integer) m.get("maxDays"), (Boolean) m.get("active")));
    }
    if (!errors.isEmpty()) {
      throw Failure.invalid(errors);
    }
    return new ShippingZoneInput((String) in.get("name"), (List<String>) in.get("countries"), methods);
  }

  private static Map<String, Long> byCurrency(List<Map<String, Object>> amounts, String field, List<FieldError> errors) {
    var out = new LinkedHashMap<String, Long>();
    if (amounts == null) {
      return out;
    }
    for (int i = 0; i < amounts.size(); i++) {
      Map<String, Object> amount = amounts.get(i);
      String currency = (String) amount.get("currency");
      if (out.put(currency, ((Number) amount.get("amount")).longValue()) != null) {
        errors.add(new FieldError(field + "[" + i + "].currency", "appears twice"));
      }
    }
    return out;
  }

  private static List<Amount> amounts(Map<String, Long> amounts) {
    return amounts == null ? List.of()
      : amounts.entrySet().stream().map(e -> new Amount(e.getValue(), e.getKey())).toList();
  }

  // ---- both ----------------------------------------------------------------------------------

  private static Future<GqlTypes.Connection> connection(Future<OrderPage> page) {
    return page.map(p -> GqlTypes.Connection.of(p.items(), p.nextCursor()));
  }

  /** The page size: {@code first} (an explicit null: the default, as REST's absent {@code limit}). */
  private static int first(DataFetchingEnvironment env) {
    Integer first = env.getArgument("first");
    return first == null ? DEFAULT_PAGE : first;
  }

  /** The field of a page's VALIDATION_FAILED as the page's arguments name it. */
  private static String pageField(String field) {
    return "limit".equals(field) ? "first" : field;
  }

  /** A VALIDATION_FAILED about the request's details, named as fields of the {@code input} argument. */
  private static <T> Future<T> inputFields(Future<T> reply) {
    return named(reply, field -> "input." + field);
  }

  /** {@code reply}, with the fields of its VALIDATION_FAILED failure renamed; any other outcome as it is. */
  private static <T> Future<T> named(Future<T> reply, UnaryOperator<String> rename) {
    return Replies.named(reply, rename);
  }
}
