package io.kinetic.checkout;

import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.cart.CartApi;
import io.kinetic.kernel.contract.cart.GetCart;
import io.kinetic.kernel.contract.checkout.CheckoutDetails;
import io.kinetic.kernel.contract.checkout.CheckoutQuote;
import io.kinetic.kernel.contract.checkout.ConfirmPayment;
import io.kinetic.kernel.contract.checkout.GetOrder;
import io.kinetic.kernel.contract.checkout.GetOrderDetail;
import io.kinetic.kernel.contract.checkout.GetOrders;
import io.kinetic.kernel.contract.checkout.GetPaymentConfig;
import io.kinetic.kernel.contract.checkout.ListMyOrders;
import io.kinetic.kernel.contract.checkout.ListOrders;
import io.kinetic.kernel.contract.checkout.OrderAccess;
import io.kinetic.kernel.contract.checkout.OrderDetail;
import io.kinetic.kernel.contract.checkout.OrderPage;
import io.kinetic.kernel.contract.checkout.OrderView;
import io.kinetic.kernel.contract.checkout.OrderViews;
import io.kinetic.kernel.contract.checkout.PayWithTestCard;
import io.kinetic.kernel.contract.checkout.PaymentConfig;
import io.kinetic.kernel.contract.checkout.PaymentView;
import io.kinetic.kernel.contract.checkout.QuoteCheckout;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.error.FieldError;
import io.kinetic.kernel.money.Money;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Quotes, the shopper's side of payments (the test card, the return from paying), and reading
 * orders for customers, guests with a link, and staff. Placing orders is {@link Placement}; what
 * providers report is {@link PaymentLedger}.
 */
final class CheckoutService {

  private final Pool pool;
  private final BusClient bus;
  private final ShopSettings settings;
  private final PaymentLedger ledger;
  private final PaymentProvider provider;
  private final OrderLinks links;
  private final PaymentConfig paymentConfig;

  CheckoutService(Pool pool, BusClient bus, ShopSettings settings, PaymentLedger ledger, PaymentProvider provider,
                  OrderLinks links, PaymentConfig paymentConfig) {
    this.pool = pool;
    this.bus = bus;
    this.settings = settings;
    this.ledger = ledger;
    this.provider = provider;
    this.links = links;
    this.paymentConfig = paymentConfig;
  }

  Future<CheckoutQuote> quote(QuoteCheckout query, Caller caller) {
    if (query.ref() == null) {
      return Future.failedFuture(ErrorCode.CART_NOT_FOUND.failure("no cart: add something to a cart first"));
    }
    CheckoutDetails details = query.details();
    var errors = new ArrayList<FieldError>();
    String country = null;
    if (details != null && details.shippingAddress() != null && details.shippingAddress().country() != null) {
      country = io.kinetic.kernel.address.AddressRules.country(details.shippingAddress().country(), "shippingAddress.country", errors);
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(Failure.invalid(errors));
    }
    String destination = country;
    UUID method = details == null ? null : details.shippingMethodId();
    return bus.request(CartApi.GET_CART, new GetCart(query.ref(), query.locale()), caller)
      .compose(cart -> settings.current().map(snapshot -> Quotes.price(cart, snapshot, destination, method, maxOrderTotal)));
  }

  /** The largest total an order may have (minor units; {@code checkout.maxOrderTotal}). */
  private long maxOrderTotal = io.kinetic.kernel.config.AppConfig.MONEY_MAX;

  CheckoutService maxOrderTotal(long maxOrderTotal) {
    this.maxOrderTotal = maxOrderTotal;
    return this;
  }

  Future<PaymentConfig> paymentConfig(GetPaymentConfig query, Caller caller) {
    return Future.succeededFuture(paymentConfig);
  }

  Future<OrderView> get(GetOrder query, Caller caller) {
    return visible(query.orderId(), query.access());
  }

  /** Orders by id, as staff see them (another context's consumer: the bus is not the shop's edge). */
  Future<OrderViews> getAll(GetOrders query, Caller caller) {
    if (query.orderIds() == null || query.orderIds().size() > GetOrders.MAX
      || query.orderIds().stream().anyMatch(java.util.Objects::isNull)) {
      return Future.failedFuture(Failure.invalid("orderIds", "must be 0 to " + GetOrders.MAX + " order ids"));
    }
    if (query.orderIds().isEmpty()) {
      return Future.succeededFuture(new OrderViews(List.of()));
    }
    return Orders.views(pool, query.orderIds())
      .map(orders -> new OrderViews(orders.stream().map(Orders::withoutSecret).toList()));
  }

  /** The order if {@code access} may see it (the client secret only for its owner), else ORDER_NOT_FOUND. */
  private Future<OrderView> visible(UUID orderId, OrderAccess access) {
    if (orderId == null || access == null) {
      return Future.failedFuture(notFound());
    }
    return pool.withConnection(c -> Orders.view(c, orderId)).compose(order -> seen(order, access));
  }

  /**
   * {@code order} as {@code access} may see it, or ORDER_NOT_FOUND (also for a null order). The
   * test card's one statement ({@link TestProvider#payOrder}) applies the same rule in SQL: a new
   * kind of access changes both.
   */
  private Future<OrderView> seen(OrderView order, OrderAccess access) {
    if (order == null) {
      return Future.failedFuture(notFound());
    }
    if (access.staff()) {
      return Future.succeededFuture(Orders.withoutSecret(order));
    }
    boolean owner = (access.customerId() != null && access.customerId().equals(order.customerId()))
      || (access.token() != null && links.verify(order.id(), access.token()));
    return owner ? Future.succeededFuture(Orders.forCustomer(order)) : Future.failedFuture(notFound());
  }

  Future<OrderPage> mine(ListMyOrders query, Caller caller) {
    if (query.customerId() == null) {
      return Future.failedFuture(notFound());
    }
    int limit = limit(query.limit());
    return pool.withConnection(c -> Orders.page(c, "o.customer_id = $1", List.of(query.customerId()), limit, query.cursor()));
  }

  Future<OrderPage> list(ListOrders query, Caller caller) {
    var where = new ArrayList<String>();
    var params = new ArrayList<Object>();
    var errors = new ArrayList<FieldError>();
    if (query.state() != null && !query.state().isBlank()) {
      if (!OrderStates.ALL.contains(query.state())) {
        errors.add(new FieldError("state", "must be one of " + String.join(", ", OrderStates.ALL)));
      }
      params.add(query.state());
      where.add("o.state = $" + params.size());
    }
    // the REST contract's limits, for every caller (GraphQL's arguments have none of their own)
    if (query.email() != null && (query.email().isEmpty() || query.email().length() > 254)) {
      errors.add(new FieldError("email", "must be 1 to 254 characters"));
    }
    if (query.number() != null && (query.number().isEmpty() || query.number().length() > 32)) {
      errors.add(new FieldError("number", "must be 1 to 32 characters"));
    }
    fourDigitYear("from", query.from(), errors);
    fourDigitYear("to", query.to(), errors);
    if (query.from() != null && query.to() != null && query.from().isAfter(query.to())) {
      // as the product list answers a price range: a range that holds nothing is a mistake, not an empty page
      errors.add(new FieldError("from", "must not be after to"));
    }
    if (query.from() != null) {
      params.add(query.from().atOffset(ZoneOffset.UTC));
      where.add("o.placed_at >= $" + params.size());
    }
    if (query.to() != null) {
      params.add(query.to().atOffset(ZoneOffset.UTC));
      where.add("o.placed_at < $" + params.size());
    }
    if (query.customerId() != null) {
      params.add(query.customerId());
      where.add("o.customer_id = $" + params.size());
    }
    if (query.email() != null && !query.email().isBlank()) {
      params.add(query.email().strip().toLowerCase(Locale.ROOT));
      where.add("lower(o.email) = $" + params.size());
    }
    if (query.number() != null && !query.number().isBlank()) {
      String number = query.number().strip().toUpperCase(Locale.ROOT);
      params.add(number.startsWith("KC-") ? number : "KC-" + number);
      where.add("o.number = $" + params.size());
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(Failure.invalid(errors));
    }
    int limit = limit(query.limit());
    return pool.withConnection(c -> Orders.page(c, String.join(" AND ", where), params, limit, query.cursor()));
  }

  /** RFC 3339's date-times (the REST contract's) have years 0001 to 9999: an instant outside is refused, as there. */
  private static void fourDigitYear(String field, java.time.Instant instant, List<FieldError> errors) {
    if (instant != null) {
      int year = instant.atOffset(ZoneOffset.UTC).getYear();
      if (year < 1 || year > 9999) {
        errors.add(new FieldError(field, "must be a date-time with a four-digit year"));
      }
    }
  }

  Future<OrderDetail> detail(GetOrderDetail query, Caller caller) {
    return visible(query.orderId(), OrderAccess.staffMember())
      .compose(order -> pool.withConnection(c -> Orders.timeline(c, order.id())).map(timeline -> new OrderDetail(order, timeline)));
  }

  /** A test card number as the card form sends it. */
  private static final java.util.regex.Pattern CARD = java.util.regex.Pattern.compile("^[0-9 -]{12,23}$");

  /** The test provider's card form: the order must await payment through the test provider. */
  Future<PaymentView> payWithTestCard(PayWithTestCard command, Caller caller) {
    if (!(provider instanceof TestProvider test)) {
      return Future.failedFuture(ErrorCode.PAYMENT_NOT_ALLOWED.failure("this shop takes payments with Stripe, not test cards"));
    }
    UUID orderId = command.orderId();
    OrderAccess access = command.access();
    if (orderId == null || access == null) {
      return Future.failedFuture(notFound());
    }
    // the card as the REST contract has it (12 to 23 digits, spaces or dashes), for every edge
    if (command.card() == null || !CARD.matcher(command.card()).matches()) {
      return Future.failedFuture(Failure.invalid("card", "must be 12 to 23 characters: digits, spaces and dashes"));
    }
    // the usual case in one statement: the order is placed, the caller's, and its payment the test
    // provider's; anything else is looked at below, to say why
    boolean anyOrder = access.staff() || (access.token() != null && links.verify(orderId, access.token()));
    if (!anyOrder && access.customerId() == null) {
      return Future.failedFuture(notFound());
    }
    return test.payOrder(orderId, anyOrder ? null : access.customerId(), command.card())
      .compose(paid -> paid != null
        ? Future.succeededFuture(payment(paid))
        : payLooking(test, command));
  }

  private static PaymentView payment(TestProvider.PaidOrder paid) {
    Intent intent = paid.intent();
    return new PaymentView(paid.paymentId(), TestProvider.NAME, intent.id(), PaymentLedger.normalize(intent.status()),
      Money.of(paid.amount(), intent.currency()), Money.of(paid.refunded(), intent.currency()), null, intent.lastError(),
      java.time.Instant.now());
  }

  /** The test card when the order was not paid in one statement: the order is read to say why (or to pay it after all). */
  private Future<PaymentView> payLooking(TestProvider test, PayWithTestCard command) {
    return visible(command.orderId(), command.access()).compose(order -> {
      if (!OrderStates.PLACED.equals(order.state()) || order.payment() == null || order.payment().intentId() == null
        || !TestProvider.NAME.equals(order.payment().provider())) {
        return Future.failedFuture(ErrorCode.PAYMENT_NOT_ALLOWED.failure("this order is " + order.state() + " and cannot be paid now"));
      }
      return test.pay(order.payment().intentId(), command.card()).map(intent -> new PaymentView(order.payment().id(),
        TestProvider.NAME, intent.id(), PaymentLedger.normalize(intent.status()), order.payment().amount(),
        order.payment().refunded(), null, intent.lastError(), java.time.Instant.now()));
    });
  }

  /** The shopper is back from paying: ask the provider, apply what it says, answer the order. */
  Future<OrderView> confirm(ConfirmPayment command, Caller caller) {
    if (command.orderId() == null || command.access() == null) {
      return Future.failedFuture(notFound());
    }
    // the test provider's intents are in this database: read with the order, in one statement
    Future<TestProvider.OrderWithIntent> read = provider instanceof TestProvider test ? test.orderWithIntent(command.orderId())
      : pool.withConnection(c -> Orders.view(c, command.orderId())).map(order -> new TestProvider.OrderWithIntent(order, null));
    return read.compose(found -> seen(found.order(), command.access()).compose(order -> {
      if (order.payment() == null || order.payment().intentId() == null || !PaymentStatus.pending(order.payment().status())) {
        return Future.succeededFuture(order); // nothing to ask: no payment yet, or it is settled (the webhook came first)
      }
      // the order as the return left it comes with its application (access was checked above)
      Intent known = found.intent();
      Future<Intent> intent = known != null && !PaymentStatus.PROCESSING.equals(known.status()) ? Future.succeededFuture(known)
        : ledger.provider(order.payment().provider()).retrieve(order.payment().intentId());
      return intent
        .compose(now -> ledger.observeReturn(Observation.polled(order.payment().provider(), "return", now)))
        .compose(after -> after == null ? visible(command.orderId(), command.access())
          : Future.succeededFuture(command.access().staff() ? Orders.withoutSecret(after) : Orders.forCustomer(after)));
    }));
  }

  private static int limit(int limit) {
    if (limit < 1 || limit > 100) {
      throw Failure.invalid("limit", "must be 1 to 100");
    }
    return limit;
  }

  private static Failure notFound() {
    return ErrorCode.ORDER_NOT_FOUND.failure("no such order");
  }
}
