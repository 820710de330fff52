package io.kinetic.checkout;

import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.cart.CartApi;
import io.kinetic.kernel.contract.cart.CartRef;
import io.kinetic.kernel.contract.cart.CartView;
import io.kinetic.kernel.contract.cart.ClearCart;
import io.kinetic.kernel.contract.cart.ClaimCart;
import io.kinetic.kernel.contract.cart.ReleaseCartClaim;
import io.kinetic.kernel.contract.cart.TakeOrderedLines;
import io.kinetic.kernel.contract.catalog.AllocateStock;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.ReleaseStock;
import io.kinetic.kernel.contract.catalog.StockLine;
import io.kinetic.kernel.contract.checkout.CheckoutDetails;
import io.kinetic.kernel.contract.checkout.CheckoutQuote;
import io.kinetic.kernel.contract.checkout.OrderAddress;
import io.kinetic.kernel.contract.checkout.CartNotEmptied;
import io.kinetic.kernel.contract.checkout.OrderedCart;
import io.kinetic.kernel.contract.checkout.OrderedCartLine;
import io.kinetic.kernel.contract.checkout.OrderPlaced;
import io.kinetic.kernel.contract.checkout.OrderShipping;
import io.kinetic.kernel.contract.checkout.OrderView;
import io.kinetic.kernel.contract.checkout.OrderedItem;
import io.kinetic.kernel.contract.checkout.PlaceOrder;
import io.kinetic.kernel.contract.checkout.PaymentView;
import io.kinetic.kernel.contract.checkout.PlacedOrder;
import io.kinetic.kernel.contract.checkout.PricedLine;
import io.kinetic.kernel.contract.identity.CustomerView;
import io.kinetic.kernel.contract.identity.GetCustomer;
import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.error.FieldError;
import io.kinetic.kernel.id.Ids;
import io.kinetic.kernel.json.Json;
import io.kinetic.kernel.outbox.Outbox;
import io.kinetic.kernel.outbox.OutboxRelay;
import io.kinetic.kernel.outbox.Relaxed;
import io.kinetic.kernel.pg.SqlStates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Places an order: a saga of four steps, each undone in reverse when a later one fails.
 * <ol>
 *   <li>validate the cart (read from the cart context and claimed for this order, so that requests
 *       with other keys cannot place it again meanwhile; priced by {@link Quotes});</li>
 *   <li>allocate its stock at the catalog (PostgreSQL: never more than on hand);</li>
 *   <li>create the order (with its payment row and {@code OrderPlaced}, in one transaction) —
 *       undone: the stock is released;</li>
 *   <li>create the payment at the provider (for the server's total, with an idempotency key) —
 *       undone: the order is cancelled and the stock released.</li>
 * </ol>
 * Then the cart is emptied (should that fail, the cart context takes the ordered lines out later: a
 * customer's from {@code CartNotEmptied}, a guest's when this node asks again). The order's id is derived from the caller and its idempotency key, so
 * any number of concurrent or repeated requests with one key make one allocation, one order and one
 * payment intent, and all answer that order. A placement row written before the allocation lets
 * the reconciliation give back the stock of a placement the engine died in.
 */
final class Placement {

  private static final Logger LOG = Logger.getLogger(Placement.class.getName());

  private final Pool pool;
  private final BusClient bus;
  private final ShopSettings settings;
  private final PaymentLedger ledger;
  private final PaymentProvider provider;
  private final OrderLinks links;
  private final CheckoutConfig config;
  private final Vertx vertx;

  Placement(Vertx vertx, Pool pool, BusClient bus, ShopSettings settings, PaymentLedger ledger, PaymentProvider provider,
            OrderLinks links, CheckoutConfig config) {
    this.vertx = vertx;
    this.pool = pool;
    this.bus = bus;
    this.settings = settings;
    this.ledger = ledger;
    this.provider = provider;
    this.links = links;
    this.config = config;
  }

  Future<PlacedOrder> place(PlaceOrder command, Caller caller) {
    CartRef ref = command.ref();
    if (ref == null) {
      return Future.failedFuture(ErrorCode.CART_NOT_FOUND.failure("no cart: add something to a cart first"));
    }
    CheckoutDetails details = command.details() == null ? new CheckoutDetails(null, null, null, null, null) : command.details();
    var errors = new ArrayList<FieldError>();
    String email = details.email() == null && ref.isCustomer() ? null : Addresses.email(details.email(), "email", errors);
    OrderAddress shipping = Addresses.clean(details.shippingAddress(), "shippingAddress", errors);
    OrderAddress billing = details.billingAddress() == null ? shipping
      : Addresses.clean(details.billingAddress(), "billingAddress", errors);
    if (details.shippingMethodId() == null) {
      errors.add(new FieldError("shippingMethodId", "is required: choose one of the quote's shipping options"));
    }
    if (details.expectedTotal() != null && details.expectedTotal() < 0) {
      errors.add(new FieldError("expectedTotal", "must be 0 or more (minor units)"));
    }
    if (command.requestKey() != null && (command.requestKey().isBlank() || command.requestKey().length() > 255)) {
      errors.add(new FieldError("requestKey", "must be 1 to 255 characters"));
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(Failure.invalid(errors));
    }
    String scope = ref.isCustomer() ? "customer:" + ref.customerId() : "guest:" + sha256(ref.token());
    String key = command.requestKey() != null ? command.requestKey() : Ids.newId().toString();
    UUID orderId = UUID.nameUUIDFromBytes(("order|" + scope + "|" + key).getBytes(StandardCharsets.UTF_8));
    String placementKey = sha256(scope + "|" + key);
    // the placement's row first: made now, the key has no order yet (the usual case, one
    // statement); else the key's order is looked for (a repeated request, or one running)
    UUID attempt = Ids.newId();
    return pool.withConnection(c -> c.preparedQuery(MARK).execute(Tuple.of(orderId, attempt)).compose(marked -> {
        boolean made = marked.size() == 1 && marked.iterator().next().getBoolean("made");
        return made ? Future.succeededFuture(new Look(null, true)) : Orders.view(c, orderId).map(order -> new Look(order, false));
      }))
      .compose(look -> look.order() != null ? again(look.order(), ref, caller)
        // the cart, claimed for this order: another order's placement from it is refused meanwhile
        : bus.request(CartApi.CLAIM_FOR_ORDER, new ClaimCart(ref, orderId, attempt, command.locale()), caller)
        .compose(cart -> settings.current().compose(snapshot -> {
          CheckoutQuote quote = Quotes.price(cart, snapshot, shipping.country(), details.shippingMethodId(),
            config.checkout().maxOrderTotal());
          check(quote, cart, details, config.checkout().maxOrderTotal());
          Future<String> customerEmail = email != null ? Future.succeededFuture(email)
            : bus.request(IdentityApi.GET_CUSTOMER, new GetCustomer(ref.customerId()), caller).map(CustomerView::email);
          return customerEmail.map(address -> new Priced(cart, quote, snapshot.rate(quote.country(), ShopSettings.STANDARD), address));
        }))
        // refused before any stock was taken: the row goes if this attempt made it and still holds
        // it (one an earlier attempt left, whose stock may be taken, stays for the reconciliation);
        // gone, nothing of this order is left and the cart is given back for the next try (unless
        // this attempt never held it: another order's claim, or no cart)
        .recover(t -> (look.made() ? forgetAttempt(orderId, attempt) : Future.succeededFuture(false))
          .compose(forgot -> forgot && held(t) ? giveBack(ref, orderId, attempt, caller) : Future.<Void>succeededFuture())
          .transform(v -> Future.<Priced>failedFuture(t)))
        .compose(p -> run(orderId, attempt, look.made(), placementKey, ref, p.cart(), p.quote(), p.shippingRate(), p.email(), shipping, billing,
          command.locale(), () -> giveBack(ref, orderId, attempt, caller), caller)));
  }

  /**
   * Gives the cart back after a placement that failed for sure (nothing of its order is left), before
   * the answer, so that the next try with another key finds it free; a failed or slow answer leaves
   * the claim to lapse. An uncertain outcome keeps the claim (it lapses, or emptying the cart ends it).
   */
  private Future<Void> giveBack(CartRef ref, UUID orderId, UUID attempt, Caller caller) {
    return atMostAWhile(bus.request(CartApi.RELEASE_CLAIM, new ReleaseCartClaim(ref, orderId, attempt), caller),
      "claim of order " + orderId + " on its cart not released (it lapses)");
  }

  /**
   * A request to the cart context the answer waits for, but at most {@value #GIVE_BACK_MILLIS} ms and
   * whatever its outcome: a failure is logged ({@code what}), the answer goes on.
   */
  private static Future<Void> atMostAWhile(Future<?> request, String what) {
    return request.timeout(GIVE_BACK_MILLIS, TimeUnit.MILLISECONDS).<Void>mapEmpty().recover(t -> {
      LOG.fine(what + ": " + t.getMessage());
      return Future.succeededFuture();
    });
  }

  /** Whether a placement refused with {@code t} may have claimed its cart (it did unless the claim itself was refused). */
  private static boolean held(Throwable t) {
    ErrorCode code = Failure.from(t).errorCode();
    return code != ErrorCode.CHECKOUT_IN_PROGRESS && code != ErrorCode.CART_NOT_FOUND;
  }

  /** How long a placement's answer waits for the cart context to give its cart back, or take its lines. */
  static final long GIVE_BACK_MILLIS = 2_000;

  /** The key's order (null: none yet), and whether this attempt made the placement's row. */
  private record Look(OrderView order, boolean made) {
  }

  /** A cart priced for its order, with the e-mail the order goes to. */
  private record Priced(CartView cart, CheckoutQuote quote, int shippingRate, String email) {
  }

  /**
   * The placement's row, written (or refreshed: a retry waits while the reconciliation holds it)
   * before the stock is allocated, unless the key's order exists already. Its commit does not wait
   * for its WAL flush ({@link Relaxed}): the allocation's commit, which does, comes after it.
   */
  private static final String MARK = """
    INSERT INTO placement (order_id, attempt) SELECT $1::uuid, $2::uuid WHERE NOT EXISTS (SELECT 1 FROM orders WHERE id = $1::uuid)
    ON CONFLICT (order_id) DO UPDATE SET started_at = now(), attempt = excluded.attempt
    RETURNING (xmax = 0) AS made, """ + Relaxed.COMMIT;

  /**
   * The same key again: the order it placed (its payment created now if the first request died
   * before that). Should the first request have died before it emptied the cart, the order's lines
   * leave the cart now ({@link #takeAgain}).
   */
  private Future<PlacedOrder> again(OrderView order, CartRef ref, Caller caller) {
    if (!owns(order, ref)) {
      return Future.failedFuture(ErrorCode.IDEMPOTENCY_KEY_REUSED.failure("this idempotency key placed another cart's order"));
    }
    boolean unpaid = order.payment() != null && PaymentStatus.CREATING.equals(order.payment().status())
      && OrderStates.PLACED.equals(order.state());
    return (unpaid ? createPayment(order.id(), order.number(), order, Future::succeededFuture) : Future.succeededFuture(order))
      .compose(o -> takeAgain(o, ref, caller).map(v -> new PlacedOrder(Orders.forCustomer(o), links.token(o.id()))));
  }

  /**
   * The order's lines asked out of its cart again. With the cart as the placement read it (kept with
   * the order), exactly the lines the order took leave it, at any time and once: each is known by the
   * time it was added, and what a take leaves of a line counts as added then ({@code ordered.lua}); a
   * cart the placement emptied has none of them. An order placed by an older node kept no cart: its
   * lines leave only while the order's claim is still on the cart (the emptying, or an earlier take,
   * ended it): each line of an ordered variant loses the units ordered.
   */
  private Future<Void> takeAgain(OrderView order, CartRef ref, Caller caller) {
    // a cancelled order (no payment could be created) gave its lines back to the cart
    if (order.lines() == null || order.lines().isEmpty() || OrderStates.CANCELLED.equals(order.state())) {
      return Future.succeededFuture();
    }
    return atMostAWhile(pool.preparedQuery("SELECT ordered_cart FROM orders WHERE id = $1").execute(Tuple.of(order.id()))
      .map(rows -> {
        OrderedCart kept = rows.size() == 1 ? Orders.stored(rows.iterator().next(), "ordered_cart", OrderedCart.class) : null;
        return kept != null ? kept
          : new OrderedCart(null, order.lines().stream().map(l -> new OrderedCartLine(l.variantId(), l.quantity(), null)).toList());
      })
      .compose(lines -> bus.request(CartApi.TAKE_ORDERED_LINES, new TakeOrderedLines(ref, order.id(), lines), caller)),
      "lines of order " + order.number() + " not asked out of its cart again");
  }

  private static boolean owns(OrderView order, CartRef ref) {
    return ref.isCustomer() ? ref.customerId().equals(order.customerId()) : order.customerId() == null;
  }

  /** What the shopper is told of a total over the shop's maximum, in money. */
  static String tooLarge(long total, long maxTotal, String currency) {
    return "an order's total may be at most " + Operations.major(maxTotal, currency) + "; this one is "
      + Operations.major(total, currency) + ": order less at a time";
  }

  private static void check(CheckoutQuote quote, io.kinetic.kernel.contract.cart.CartView cart, CheckoutDetails details, long maxTotal) {
    List<String> problems = quote.problems();
    if (problems.contains(Quotes.CART_EMPTY)) {
      throw ErrorCode.CART_EMPTY.failure("the cart has nothing that can be ordered");
    }
    if (problems.contains(Quotes.UNAVAILABLE)) {
      throw ErrorCode.CART_CHANGED.failure("a product in the cart is no longer available: remove it and look again");
    }
    if (problems.contains(Quotes.PRICE_CHANGED)) {
      throw ErrorCode.CART_CHANGED.failure("a price in the cart changed since it was last seen: look at the cart again");
    }
    if (problems.contains(Quotes.INSUFFICIENT_STOCK)) {
      // the first short line's figure, as the cart shows it (was always 0: "none left" when some were)
      var shortLine = cart.lines().stream().filter(io.kinetic.kernel.contract.cart.CartLineView::insufficientStock).findFirst();
      throw Failure.withAvailable(ErrorCode.OUT_OF_STOCK, shortLine.map(l -> l.available() + " available of " + l.sku() + ", "
          + l.quantity() + " in the cart").orElse("a line of the cart holds more units than are available"),
        shortLine.map(l -> Math.max(0, l.available())).orElse(0));
    }
    if (problems.contains(Quotes.NO_SHIPPING)) {
      throw ErrorCode.SHIPPING_METHOD_UNAVAILABLE.failure("no shipping method ships to " + quote.country() + " in " + quote.currency());
    }
    if (problems.contains(Quotes.TOTAL_TOO_LARGE)) {
      throw ErrorCode.ORDER_TOTAL_TOO_LARGE.failure(tooLarge(quote.totals().total().amount(), maxTotal, quote.currency()));
    }
    if (details.expectedTotal() != null && details.expectedTotal() != quote.totals().total().amount()) {
      throw ErrorCode.CART_CHANGED.failure("the total is now " + Operations.major(quote.totals().total().amount(), quote.currency())
        + ", not " + Operations.major(details.expectedTotal(), quote.currency()) + ": look at the checkout again");
    }
  }

  private Future<PlacedOrder> run(UUID orderId, UUID attempt, boolean made, String placementKey, CartRef ref, CartView cart, CheckoutQuote quote,
                                  int shippingRate, String email, OrderAddress shipping, OrderAddress billing, String locale,
                                  Supplier<Future<Void>> giveBack, Caller caller) {
    var lines = quote.lines().stream().map(l -> new StockLine(l.variantId(), l.quantity())).toList();
    // the placement's row marks this run (written by place); step 2: the stock (failing, it took
    // nothing: nothing to undo; the row stays for the reconciliation, should the catalog have taken
    // it after all; refused, for sure, the cart is given back)
    return bus.request(CatalogApi.ALLOCATE_STOCK, new AllocateStock(orderId, lines), caller)
      // refused for sure: the cart is given back when no other attempt with the same key runs (this
      // one made the row, and it is still this one's); the row stays for the reconciliation
      .recover(t -> Failure.from(t).errorCode().httpStatus() >= 500 || !made ? Future.failedFuture(t)
        : stillMine(orderId, attempt).compose(mine -> mine ? giveBack.get() : Future.<Void>succeededFuture())
          .transform(v -> Future.failedFuture(t)))
      // step 3: the order (undo: release the stock, unless the order was made after all: by this
      // statement, its connection lost, or by a concurrent request with the same key)
      .compose(allocated -> createOrder(orderId, placementKey, ref, cart, quote, shippingRate, email, shipping, billing, locale, caller)
        .recover(t -> settle(orderId, t, giveBack, caller)))
      // step 4: the payment (undo: cancel the order, release the stock); the test provider's is made already
      .compose(order -> PaymentStatus.CREATING.equals(order.payment().status())
        ? createPayment(order.id(), order.number(), order, giveBack) : Future.succeededFuture(order))
      // then the cart is emptied before the answer (a page reading the cart next finds it empty); when
      // that fails (Redis unreachable), the ordered lines are taken out of the cart later (notEmptied)
      .compose(order -> bus.request(CartApi.CLEAR, new ClearCart(ref, locale), caller)
        .<Void>mapEmpty()
        .recover(t -> {
          LOG.warning("cart of order " + order.number() + " not emptied: " + t.getMessage());
          return notEmptied(order, ref, cart, quote, caller);
        })
        .map(v -> new PlacedOrder(order, links.token(order.id()))));
  }

  /**
   * Step 3 in one statement (its own transaction, no BEGIN and COMMIT round trips): the placement's
   * row is deleted and, only when it was there, the order with its number, its payment, the first
   * entry of its timeline and {@code OrderPlaced} are inserted. The foreign keys of the payment and
   * the timeline are checked at the statement's end, when the order is there. The event's number is
   * the one the sequence gave the order, set into its payload by the statement. The order keeps the
   * cart as read ({@code ordered_cart}), for a repeated request whose first run died before it
   * emptied the cart ({@link #again}).
   */
  private static final String CREATE = """
    WITH gone AS (DELETE FROM placement WHERE order_id = $1::uuid RETURNING order_id),
    o AS (
      INSERT INTO orders (id, number, state, customer_id, email, locale, currency, total, item_count, doc,
                          placement_key, payment_due_at, version, placed_at, updated_at, ordered_cart)
      SELECT order_id, 'KC-' || nextval('order_number'), 'placed', $2::uuid, $3::text, $4::text, $5::char(3), $6::bigint,
             $7::int, $8::jsonb, $9::text, $10::timestamptz, 1, $11::timestamptz, $11::timestamptz, $26::jsonb
      FROM gone RETURNING id, number),
    p AS (
      INSERT INTO payment (id, order_id, provider, intent_id, client_secret, status, amount, currency, created_at, updated_at)
      SELECT $12::uuid, id, $13::text, $14::text, $15::text, $16::text, $6::bigint, $5::char(3), $11::timestamptz, $11::timestamptz
      FROM o),
    t AS (
      INSERT INTO order_event (order_id, version, type, from_state, to_state, actor)
      SELECT id, 1, 'OrderPlaced', NULL, 'placed', $17::text FROM o),
    e AS (
      INSERT INTO outbox (%s)
      SELECT $18::uuid, $19::text, $20::text, $21::jsonb || jsonb_build_object('number', o.number), $22::text, $23::uuid,
             $24::bigint, $25::text
      FROM o)%s
    SELECT number FROM o""";
  /** {@link #CREATE} with the test provider's intent (its "servers" are this database: made with the order). */
  private static final String CREATE_WITH_TEST_INTENT = CREATE.formatted(Outbox.COLUMNS, """
    ,
    i AS (
      INSERT INTO test_intent (id, amount, currency, status)
      SELECT $14::text, $6::bigint, $5::char(3), 'requires_payment_method' FROM o
      ON CONFLICT (id) DO NOTHING)""");
  private static final String CREATE_ALONE = CREATE.formatted(Outbox.COLUMNS, "");

  private Future<OrderView> createOrder(UUID orderId, String placementKey, CartRef ref, CartView cart, CheckoutQuote quote,
                                        int shippingRate, String email,
                                        OrderAddress shipping, OrderAddress billing, String locale, Caller caller) {
    var t = quote.totals();
    var s = quote.shipping();
    var doc = new OrderDoc(quote.lines(), shipping, billing, new OrderShipping(s.methodId(), s.name(), t.shippingNet(),
      t.shippingTax(), t.shippingGross(), shippingRate, s.minDays(), s.maxDays()),
      t, quote.pricesIncludeTax());
    int items = quote.lines().stream().mapToInt(PricedLine::quantity).sum();
    Instant due = Instant.now().plus(config.checkout().paymentTimeoutSeconds(), ChronoUnit.SECONDS);
    String actor = ref.isCustomer() ? "customer" : "guest";
    UUID customer = ref.isCustomer() ? ref.customerId() : null;
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    // the test provider's intent is made with the order; Stripe's after it (step 4)
    Intent local = provider instanceof TestProvider test ? test.local(t.total(), "order-" + orderId) : null;
    String status = local == null ? PaymentStatus.CREATING : local.status();
    UUID paymentId = Ids.newId();
    // the number is the sequence's: the statement sets it into the event
    var event = new OrderPlaced(Ids.newId(), now, orderId, null, customer, email, locale, t.total(),
      quote.lines().stream().map(l -> new OrderedItem(l.variantId(), l.productId(), l.sku(), l.quantity(), l.gross())).toList(), 1);
    Tuple params = Tuple.tuple().addValue(orderId).addValue(customer).addValue(email)
      .addValue(locale == null ? "en" : locale).addValue(quote.currency()).addValue(t.total().amount()).addValue(items)
      .addValue(new JsonObject(Json.string(doc))).addValue(placementKey).addValue(due.atOffset(java.time.ZoneOffset.UTC))
      .addValue(now.atOffset(java.time.ZoneOffset.UTC))
      .addValue(paymentId).addValue(provider.name()).addValue(local == null ? null : local.id())
      .addValue(local == null ? null : local.clientSecret()).addValue(status).addValue(actor);
    Tuple outbox = Outbox.values(event, caller);
    for (int i = 0; i < outbox.size(); i++) {
      params.addValue(outbox.getValue(i));
    }
    OrderedCart asRead = ordered(cart, quote);
    params.addValue(asRead.cartId() == null || asRead.lines().isEmpty() ? null : new JsonObject(Json.string(asRead)));
    return pool.withConnection(c -> c.preparedQuery(local == null ? CREATE_ALONE : CREATE_WITH_TEST_INTENT).execute(params)
        .compose(rows -> {
          if (rows.size() == 0) {
            // a concurrent request with the same key created the order (answer it), or the
            // reconciliation took this placement for dead and released its stock (stop here)
            return Orders.view(c, orderId).compose(order -> order != null ? Future.succeededFuture(order)
              : Future.failedFuture(ErrorCode.SERVICE_UNAVAILABLE.failure("the checkout took too long: please try again")));
          }
          String number = rows.iterator().next().getString("number");
          return Future.succeededFuture(new OrderView(orderId, number, OrderStates.PLACED, customer, email, quote.currency(),
            doc.lines(), items, doc.shippingAddress(), doc.billingAddress(), doc.shipping(), doc.totals(), doc.pricesIncludeTax(),
            new PaymentView(paymentId, provider.name(), local == null ? null : local.id(), status, t.total(),
              io.kinetic.kernel.money.Money.zero(quote.currency()), local == null ? null : local.clientSecret(), null, now),
            List.of(), now, due, now, 1, List.of(), List.of(), List.of()));
        }))
      .onSuccess(order -> ledger.changed(orderId));
  }

  /**
   * An order whose cart the placement could not empty. A customer's: {@link CartNotEmptied} (once
   * per order) has the cart context take the lines the order took out of the cart later (a cart
   * keeps them when this append fails too). A guest's: an event carries no guest token, so this node
   * asks the cart context again a few times ({@link #takeLater}).
   */
  private Future<Void> notEmptied(OrderView order, CartRef ref, CartView cart, CheckoutQuote quote, Caller caller) {
    OrderedCart lines = ordered(cart, quote);
    if (cart.id() == null || lines.lines().isEmpty()) {
      return Future.succeededFuture();
    }
    if (!ref.isCustomer()) {
      takeLater(order.number(), order.id(), ref, lines, caller, 1);
      return Future.succeededFuture();
    }
    var event = new CartNotEmptied(CartNotEmptied.idFor(order.id()), Instant.now(), order.id(), ref.customerId(), lines, 1);
    return Outbox.appendOnce(pool, event, caller)
      .<Void>map(appended -> {
        if (appended) {
          OutboxRelay.poke(vertx, CheckoutModule.SCHEMA);
        }
        return null;
      })
      .recover(t -> {
        LOG.warning("cart of order " + order.number() + " not emptied, and CartNotEmptied not logged: " + t.getMessage());
        return Future.succeededFuture();
      });
  }

  /**
   * Asks the cart context to take the lines of a guest's order out of the guest's cart, from
   * {@value #GUEST_TAKE_FIRST_MILLIS} ms on, doubling the wait up to {@value #GUEST_TAKE_MAX_WAIT_MILLIS} ms,
   * {@value #GUEST_TAKE_ATTEMPTS} times in all (about 7 minutes: a Redis that was unreachable for a
   * moment). The wait stays short: the order's claim on the cart lapses meanwhile, and once Redis
   * answers again the lines should leave the cart before the guest orders them again. Only this node holds
   * the guest's token: should it stop meanwhile, the cart keeps the lines (and their reservations,
   * until they lapse). A line added to the cart after the order stays.
   */
  private void takeLater(String number, UUID orderId, CartRef ref, OrderedCart lines, Caller caller, int attempt) {
    long wait = Math.min(GUEST_TAKE_FIRST_MILLIS << Math.min(attempt - 1, 10), GUEST_TAKE_MAX_WAIT_MILLIS);
    vertx.setTimer(wait, id -> bus.request(CartApi.TAKE_ORDERED_LINES, new TakeOrderedLines(ref, orderId, lines), caller)
      .onFailure(t -> {
        boolean passing = Failure.from(t).errorCode().httpStatus() >= 500;
        if (passing && attempt < GUEST_TAKE_ATTEMPTS) {
          takeLater(number, orderId, ref, lines, caller, attempt + 1);
        } else {
          LOG.warning("the ordered lines of order " + number + " stay in the guest's cart: " + t.getMessage());
        }
      }));
  }

  /** The first wait before a guest's ordered lines are asked to leave the cart, and how often they are asked. */
  static final long GUEST_TAKE_FIRST_MILLIS = 1_000;
  static final long GUEST_TAKE_MAX_WAIT_MILLIS = 10_000;
  static final int GUEST_TAKE_ATTEMPTS = 45;

  /** The customer's cart as read for the order: its id and the lines the order took, each with the time it was added. */
  private static OrderedCart ordered(CartView cart, CheckoutQuote quote) {
    var taken = new HashSet<UUID>();
    quote.lines().forEach(l -> taken.add(l.variantId()));
    return new OrderedCart(cart.id(), cart.lines().stream().filter(l -> taken.contains(l.variantId()) && l.addedAt() != null)
      .map(l -> new OrderedCartLine(l.variantId(), l.quantity(), l.addedAt())).toList());
  }

  /** For the reconciliation: the payment of an order whose placement died before step 4. */
  Future<Void> ensurePayment(UUID orderId) {
    return pool.withConnection(c -> Orders.view(c, orderId)).compose(order -> order == null || order.payment() == null
      || !PaymentStatus.CREATING.equals(order.payment().status()) ? Future.succeededFuture()
      : createPayment(orderId, order.number(), order, Future::succeededFuture).mapEmpty());
  }

  /**
   * Step 4, also for a repeated request whose first run died before it: one intent per order (by its
   * key). Not created, the order is cancelled, and then the cart given back ({@code giveBack}).
   */
  private Future<OrderView> createPayment(UUID orderId, String number, OrderView order, Supplier<Future<Void>> giveBack) {
    return provider.create(orderId, number, order.totals().total(), "order-" + orderId)
      .compose(intent -> pool.preparedQuery("""
          UPDATE payment SET intent_id = $2, client_secret = $3, status = CASE WHEN status = 'creating' THEN $4 ELSE status END,
                 updated_at = now() WHERE order_id = $1""")
        .execute(Tuple.of(orderId, intent.id(), intent.clientSecret(), PaymentLedger.normalize(intent.status()))))
      .compose(v -> pool.withConnection(c -> Orders.view(c, orderId)), failure -> {
        LOG.warning("payment of order " + number + " not created, cancelling it: " + failure.getMessage());
        // cancelled by this attempt: the cart is given back (not cancelled: another attempt paid it, say)
        return cancelUnpayable(orderId).compose(cancelled -> cancelled ? giveBack.get() : Future.<Void>succeededFuture())
          .compose(v -> Future.failedFuture(Failure.from(failure).errorCode() == ErrorCode.PAYMENT_PROVIDER_UNAVAILABLE
          ? failure : ErrorCode.PAYMENT_PROVIDER_UNAVAILABLE.failure("the payment could not be created: nothing was charged, please try again")));
      });
  }

  /** Whether the order was placed still, and is cancelled now. */
  private Future<Boolean> cancelUnpayable(UUID orderId) {
    return pool.withTransaction(tx -> Orders.lock(tx, orderId).compose(order -> order == null || !OrderStates.PLACED.equals(order.state())
        ? Future.succeededFuture(false)
        : PaymentLedger.setPayment(tx, order, PaymentStatus.CANCELED, "the payment could not be created")
          .compose(v -> PaymentLedger.cancelled(tx, order, "PAYMENT_UNAVAILABLE", "system")).map(true)))
      .compose(cancelled -> ledger.releaseStock(orderId).map(cancelled))
      .onComplete(ar -> ledger.changed(orderId));
  }

  /**
   * Step 3 failed, and whether its order exists decides what happens, for good. A statement whose
   * connection was lost may live on in its backend and commit a moment later, holding the placement's
   * row (it deletes it) until then. So the row is held first (written again if gone), waiting for
   * such a statement (at most half the bus timeout: the caller still gets the answer), and the order
   * is read after the wait: made, it is the answer; not made, the stock is released and the row
   * dropped in the same transaction, so that a statement running later finds no row and creates
   * nothing. A request with the same key that allocated meanwhile finds no row either and settles
   * the same way (a release is idempotent: no allocation is left without its order); one that marks
   * its row after this commit allocates after this release. A settlement whose own connection is
   * lost too (after a network reset the pool's idle connections are gone with the one that failed,
   * which the pool learns a moment later) is tried again a few times. Not settled then (the database
   * still away, the lock still held): the row stays for the reconciliation, which does the same.
   */
  private Future<OrderView> settle(UUID orderId, Throwable failure, Supplier<Future<Void>> giveBack, Caller caller) {
    return settle(orderId, failure, giveBack, caller, 1);
  }

  private Future<OrderView> settle(UUID orderId, Throwable failure, Supplier<Future<Void>> giveBack, Caller caller, int attempt) {
    String wait = Math.max(1, config.busTimeoutMillis() / 2) + "ms";
    return pool.withTransaction(tx -> tx.preparedQuery(SETTLE_LIMITS).execute(Tuple.of(wait))
        .compose(v -> tx.preparedQuery(HOLD).execute(Tuple.of(orderId)))
        .compose(held -> Orders.view(tx, orderId).compose(made -> (made != null ? Future.<Void>succeededFuture()
            : bus.request(CatalogApi.RELEASE_STOCK, new ReleaseStock(orderId), caller).<Void>mapEmpty())
          .compose(v -> tx.preparedQuery("DELETE FROM placement WHERE order_id = $1").execute(Tuple.of(orderId)))
          .map(made))))
      .transform(settled -> {
        if (settled.succeeded()) {
          // made: the answer; not made: settled for sure (no order, no stock), the cart is given back
          return settled.result() != null ? Future.succeededFuture(settled.result())
            : giveBack.get().transform(v -> Future.<OrderView>failedFuture(failure));
        }
        Throwable t = settled.cause();
        if (attempt < SETTLE_ATTEMPTS && SqlStates.isConnectionLost(t)) {
          return vertx.timer(100L << attempt).compose(v -> settle(orderId, failure, giveBack, caller, attempt + 1));
        }
        LOG.warning("failed placement " + orderId + " not settled now (the reconciliation will): " + t.getMessage());
        return Future.failedFuture(failure);
      });
  }

  /**
   * The settlement's limits: how long it waits for the row (lock_timeout), and how long its
   * transaction may stay idle (while the catalog releases the stock) before PostgreSQL ends it and
   * its lock with it, should the engine's side of its connection be gone.
   */
  private static final String SETTLE_LIMITS =
    "SELECT set_config('lock_timeout', $1, true), set_config('idle_in_transaction_session_timeout', '60s', true)";
  /** The placement's row held (written again when gone): a statement still holding it is waited for. */
  private static final String HOLD = """
    INSERT INTO placement (order_id) VALUES ($1) ON CONFLICT (order_id) DO UPDATE SET started_at = placement.started_at""";
  /** Attempts at settling a failed placement whose own connection is lost (waiting 0.2, 0.4, 0.8, 1.6 s between). */
  private static final int SETTLE_ATTEMPTS = 5;

  /** Whether the placement's row is this attempt's still (no later attempt with the same key marked it). */
  private Future<Boolean> stillMine(UUID orderId, UUID attempt) {
    return pool.preparedQuery("SELECT 1 FROM placement WHERE order_id = $1 AND attempt = $2").execute(Tuple.of(orderId, attempt))
      .map(rows -> rows.size() == 1).recover(t -> Future.succeededFuture(false));
  }

  /** Whether the placement's row was this attempt's, and is gone. */
  private Future<Boolean> forgetAttempt(UUID orderId, UUID attempt) {
    return pool.preparedQuery("DELETE FROM placement WHERE order_id = $1 AND attempt = $2").execute(Tuple.of(orderId, attempt))
      .map(deleted -> deleted.rowCount() == 1).recover(t -> {
        LOG.warning("placement row of refused order " + orderId + " not removed (the reconciliation will): " + t.getMessage());
        return Future.succeededFuture(false);
      });
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
