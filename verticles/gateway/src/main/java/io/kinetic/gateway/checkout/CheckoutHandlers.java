package io.kinetic.gateway.checkout;

import graphql.schema.idl.RuntimeWiring;
import io.kinetic.gateway.Bodies;
import io.kinetic.gateway.Replies;
import io.kinetic.gateway.Requests;
import io.kinetic.gateway.edge.EdgeContext;
import io.kinetic.gateway.edge.EdgeHandlers;
import io.kinetic.gateway.edge.GraphQlApi;
import io.kinetic.gateway.edge.RestOperations;
import io.kinetic.gateway.idempotency.IdempotencyKeys;
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
import io.kinetic.kernel.contract.checkout.PayWithTestCard;
import io.kinetic.kernel.contract.checkout.PlaceOrder;
import io.kinetic.kernel.contract.checkout.QuoteCheckout;
import io.kinetic.kernel.contract.checkout.SaveCheckoutSettings;
import io.kinetic.kernel.contract.checkout.SaveShippingZone;
import io.kinetic.kernel.contract.checkout.SaveTaxRate;
import io.kinetic.kernel.contract.checkout.ShippingZoneInput;
import io.kinetic.kernel.contract.checkout.StripeWebhook;
import io.kinetic.kernel.contract.checkout.TaxRate;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The checkout edge in one gateway instance: each REST operation and GraphQL field
 * ({@link CheckoutFetchers}) is one bus request; whose cart and which orders come from the
 * credentials only ({@link CheckoutCallers}). Answers about carts and orders are personal
 * ({@code Cache-Control: no-store}).
 */
final class CheckoutHandlers implements EdgeHandlers {

  static final String CART_TOKEN = "X-Cart-Token";
  static final String ORDER_TOKEN = "X-Order-Token";
  static final String STRIPE_SIGNATURE = "Stripe-Signature";

  record TestCard(String card) {
  }

  record TaxRateValue(Integer rate) {
  }

  record FulfilmentBody(List<LineQuantity> lines, String carrier, String trackingNumber, String trackingUrl) {
  }

  record CancelBody(String reason) {
  }

  record RefundBody(Long amount, List<LineQuantity> lines, UUID returnId, String reason) {
  }

  record ReturnBody(List<LineQuantity> lines, String reason) {
  }

  record DecisionBody(Boolean approve, String note) {
  }

  record ReceiptBody(Boolean restock) {
  }

  private final EdgeContext context;
  private final BusClient bus;

  CheckoutHandlers(EdgeContext context) {
    this.context = context;
    this.bus = context.bus();
  }

  @Override
  public void bindOperations(RestOperations operations) {
    operations.bind("quoteCheckout", rc -> {
      CheckoutDetails details = rc.body().isEmpty() ? null : Bodies.read(rc, CheckoutDetails.class);
      cart(rc).compose(ref -> bus.request(CheckoutApi.QUOTE, new QuoteCheckout(ref, details, locale(rc)), Requests.caller(rc)))
        .onComplete(Replies.to(rc, CheckoutHandlers::personal));
    });
    operations.bind("placeOrder", rc -> {
      CheckoutDetails details = Bodies.read(rc, CheckoutDetails.class);
      String key = rc.request().getHeader(IdempotencyKeys.HEADER);
      cart(rc).compose(ref -> bus.request(CheckoutApi.PLACE_ORDER, new PlaceOrder(ref, details, key, locale(rc)), Requests.caller(rc)))
        .onComplete(Replies.to(rc, (r, placed) -> {
          r.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
          r.response().putHeader(HttpHeaders.LOCATION, "/api/v1/orders/" + placed.order().id());
          Replies.created(r, placed);
        }));
    });
    operations.bind("getPaymentConfig", rc -> bus.request(CheckoutApi.PAYMENT_CONFIG, new GetPaymentConfig(), Requests.caller(rc))
      .onComplete(Replies.to(rc, Replies::ok)));
    operations.bind("getShippingCountries", rc -> bus.request(CheckoutApi.GET_SHIPPING_COUNTRIES,
        new GetShippingCountries(rc.queryParams().get("currency")), Requests.caller(rc))
      .onComplete(Replies.to(rc, (r, countries) -> {
        r.response().putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=60");
        Replies.ok(r, countries);
      })));
    operations.bind("listMyOrders", rc -> bus.request(CheckoutApi.LIST_MY_ORDERS,
        new ListMyOrders(Requests.principal(rc).id(), limit(rc), rc.queryParams().get("after")), Requests.caller(rc))
      .onComplete(Replies.to(rc, CheckoutHandlers::personal)));
    operations.bind("getOrder", rc -> access(rc).compose(access ->
        bus.request(CheckoutApi.GET_ORDER, new GetOrder(orderId(rc), access), Requests.caller(rc)))
      .onComplete(Replies.to(rc, CheckoutHandlers::personal)));
    operations.bind("payWithTestCard", rc -> {
      TestCard body = Bodies.read(rc, TestCard.class);
      access(rc).compose(access -> bus.request(CheckoutApi.PAY_WITH_TEST_CARD, new PayWithTestCard(orderId(rc), access, body.card()),
          Requests.caller(rc)))
        .onComplete(Replies.to(rc, CheckoutHandlers::personal));
    });
    operations.bind("confirmPayment", rc -> access(rc).compose(access ->
        bus.request(CheckoutApi.CONFIRM_PAYMENT, new ConfirmPayment(orderId(rc), access), Requests.caller(rc)))
      .onComplete(Replies.to(rc, CheckoutHandlers::personal)));

    operations.bind("listOrders", rc -> {
      var q = rc.queryParams();
      bus.request(CheckoutApi.LIST_ORDERS, new ListOrders(q.get("state"), instant(q.get("from")), instant(q.get("to")),
          q.get("customerId") == null ? null : UUID.fromString(q.get("customerId")), q.get("email"), q.get("number"), limit(rc),
          q.get("after")), Requests.caller(rc))
        .onComplete(Replies.to(rc, CheckoutHandlers::personal));
    });
    operations.bind("getOrderDetail", rc -> bus.request(CheckoutApi.GET_ORDER_DETAIL, new GetOrderDetail(orderId(rc)), Requests.caller(rc))
      .onComplete(Replies.to(rc, CheckoutHandlers::personal)));
    operations.bind("requestReturn", rc -> {
      ReturnBody body = Bodies.read(rc, ReturnBody.class);
      access(rc).compose(access -> bus.request(CheckoutApi.REQUEST_RETURN, new RequestReturn(orderId(rc), access, body.lines(),
          body.reason(), key(rc)), Requests.caller(rc)))
        .onComplete(Replies.to(rc, (r, order) -> {
          r.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
          Replies.created(r, order);
        }));
    });
    operations.bind("fulfilOrder", rc -> {
      FulfilmentBody body = Bodies.read(rc, FulfilmentBody.class);
      bus.request(CheckoutApi.FULFIL_ORDER, new FulfilOrder(orderId(rc), body.lines(), body.carrier(), body.trackingNumber(),
          body.trackingUrl(), key(rc)), Requests.caller(rc))
        .onComplete(Replies.to(rc, CheckoutHandlers::personal));
    });
    operations.bind("markOrderDelivered", rc -> bus.request(CheckoutApi.MARK_DELIVERED, new MarkDelivered(orderId(rc)),
        Requests.caller(rc))
      .onComplete(Replies.to(rc, CheckoutHandlers::personal)));
    operations.bind("cancelOrder", rc -> {
      CancelBody body = rc.body().isEmpty() ? new CancelBody(null) : Bodies.read(rc, CancelBody.class);
      bus.request(CheckoutApi.CANCEL_ORDER, new CancelOrder(orderId(rc), body.reason()), Requests.caller(rc))
        .onComplete(Replies.to(rc, CheckoutHandlers::personal));
    });
    operations.bind("refundOrder", rc -> {
      RefundBody body = Bodies.read(rc, RefundBody.class);
      bus.request(CheckoutApi.REFUND_ORDER, new RefundOrder(orderId(rc), body.amount(), body.lines(), body.returnId(),
          body.reason(), key(rc)), Requests.caller(rc))
        .onComplete(Replies.to(rc, CheckoutHandlers::personal));
    });
    operations.bind("decideReturn", rc -> {
      DecisionBody body = Bodies.read(rc, DecisionBody.class);
      bus.request(CheckoutApi.DECIDE_RETURN, new DecideReturn(orderId(rc), UUID.fromString(rc.pathParam("returnId")),
          Boolean.TRUE.equals(body.approve()), body.note()), Requests.caller(rc))
        .onComplete(Replies.to(rc, CheckoutHandlers::personal));
    });
    operations.bind("receiveReturn", rc -> {
      ReceiptBody body = Bodies.read(rc, ReceiptBody.class);
      bus.request(CheckoutApi.RECEIVE_RETURN, new ReceiveReturn(orderId(rc), UUID.fromString(rc.pathParam("returnId")),
          Boolean.TRUE.equals(body.restock())), Requests.caller(rc))
        .onComplete(Replies.to(rc, CheckoutHandlers::personal));
    });
    operations.bind("exportOrders", rc -> {
      var q = rc.queryParams();
      OrderCsv.stream(rc, bus, Requests.caller(rc), q.get("state"), instant(q.get("from")), instant(q.get("to")));
    });
    operations.bind("getCheckoutSettings", rc -> bus.request(CheckoutApi.GET_SETTINGS, new GetCheckoutSettings(), Requests.caller(rc))
      .onComplete(Replies.to(rc, Replies::ok)));
    operations.bind("updateCheckoutSettings", rc -> bus.request(CheckoutApi.SAVE_SETTINGS,
        Bodies.read(rc, SaveCheckoutSettings.class), Requests.caller(rc))
      .onComplete(Replies.to(rc, Replies::ok)));
    operations.bind("saveTaxRate", rc -> {
      TaxRateValue body = Bodies.read(rc, TaxRateValue.class);
      bus.request(CheckoutApi.SAVE_TAX_RATE, new SaveTaxRate(new TaxRate(rc.pathParam("country"), rc.pathParam("taxClass"),
          body.rate() == null ? -1 : body.rate())), Requests.caller(rc))
        .onComplete(Replies.to(rc, Replies::ok));
    });
    operations.bind("deleteTaxRate", rc -> bus.request(CheckoutApi.DELETE_TAX_RATE,
        new DeleteTaxRate(rc.pathParam("country"), rc.pathParam("taxClass")), Requests.caller(rc))
      .onComplete(Replies.to(rc, Replies::ok)));
    operations.bind("createShippingZone", rc -> bus.request(CheckoutApi.SAVE_SHIPPING_ZONE,
        new SaveShippingZone(null, Bodies.read(rc, ShippingZoneInput.class)), Requests.caller(rc))
      .onComplete(Replies.to(rc, Replies::ok)));
    operations.bind("updateShippingZone", rc -> bus.request(CheckoutApi.SAVE_SHIPPING_ZONE,
        new SaveShippingZone(UUID.fromString(rc.pathParam("zoneId")), Bodies.read(rc, ShippingZoneInput.class)), Requests.caller(rc))
      .onComplete(Replies.to(rc, Replies::ok)));
    operations.bind("deleteShippingZone", rc -> bus.request(CheckoutApi.DELETE_SHIPPING_ZONE,
        new DeleteShippingZone(UUID.fromString(rc.pathParam("zoneId"))), Requests.caller(rc))
      .onComplete(Replies.to(rc, Replies::ok)));
  }

  @Override
  public void wire(GraphQlApi api, RuntimeWiring.Builder wiring) {
    switch (api) {
      case SHOP -> new CheckoutFetchers(context).wireShop(wiring);
      case ADMIN -> new CheckoutFetchers(context).wireAdmin(wiring);
    }
  }

  /**
   * Stripe's webhook, outside the contract: the signature is over the raw body, so the body is
   * passed on exactly as received (at most 1 MB); checkout verifies it, stores the event once and
   * answers at once, and applies it after.
   */
  @Override
  public void mountRoutes(Router router) {
    router.post("/webhooks/stripe")
      .handler(BodyHandler.create(false).setBodyLimit(1024 * 1024))
      .handler(rc -> bus.request(CheckoutApi.STRIPE_WEBHOOK,
          new StripeWebhook(rc.body().asString(), rc.request().getHeader(STRIPE_SIGNATURE)), Requests.caller(rc))
        .onComplete(Replies.to(rc, Replies::ok)));
  }

  /** The caller's cart (see {@link CheckoutCallers#cart}). */
  private Future<CartRef> cart(RoutingContext rc) {
    return context.access().optionalPrincipal(rc)
      .compose(principal -> CheckoutCallers.cart(principal, rc.request().getHeader(CART_TOKEN)));
  }

  /** Who asks for an order (see {@link CheckoutCallers#order}): the order token comes in {@value #ORDER_TOKEN}. */
  private Future<OrderAccess> access(RoutingContext rc) {
    return context.access().optionalPrincipal(rc)
      .map(principal -> CheckoutCallers.order(principal, rc.request().getHeader(ORDER_TOKEN)));
  }

  private static String key(RoutingContext rc) {
    return rc.request().getHeader(IdempotencyKeys.HEADER);
  }

  private static void personal(RoutingContext rc, Object body) {
    rc.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    Replies.ok(rc, body);
  }

  private String locale(RoutingContext rc) {
    return context.locales().of(rc.request());
  }

  /** Validated against the contract (a UUID) before the handler runs. */
  private static UUID orderId(RoutingContext rc) {
    return UUID.fromString(rc.pathParam("orderId"));
  }

  private static int limit(RoutingContext rc) {
    String limit = rc.queryParams().get("limit");
    return limit == null ? 20 : Integer.parseInt(limit);
  }

  private static Instant instant(String text) {
    return text == null ? null : java.time.OffsetDateTime.parse(text).toInstant();
  }
}
