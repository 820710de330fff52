package io.kinetic.cart;

import io.kinetic.cart.CartScripts.Script;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.contract.cart.CartApi;
import io.kinetic.kernel.contract.cart.CartRef;
import io.kinetic.kernel.contract.checkout.CheckoutApi;
import io.kinetic.kernel.contract.checkout.CheckoutEvent;
import io.kinetic.kernel.contract.checkout.CartNotEmptied;
import io.kinetic.kernel.contract.checkout.OrderedCart;
import io.kinetic.kernel.contract.checkout.OrderedCartLine;
import io.kinetic.kernel.contract.log.LoggedEvent;
import io.kinetic.kernel.json.Json;
import io.kinetic.kernel.outbox.EventTypes;
import io.kinetic.kernel.outbox.LogConsumer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes the lines of a customer's order out of the customer's cart, for when the placement's own
 * emptying of the cart failed (Redis unreachable at that moment): without this, the cart, written
 * through to PostgreSQL, would come back with the lines just ordered. A durable consumer
 * ({@value #CONSUMER}) of the checkout's log applies each {@link CartNotEmptied} (the placement
 * logs one only when its emptying failed; it names the cart and the lines, {@link OrderedCart}): in Redis ({@code ordered.lua}, which releases the lines'
 * reservations as emptying the cart does), and in the copy in PostgreSQL. The copy is written as
 * every cart change writes it (outside the consumer's transaction, by version), so that the
 * consumer's pass holds no lock a placement emptying the same cart would wait for. A line the
 * order took is known by its variant and the time it was added to the cart: lines added after the
 * order stay, and applying an order again, or after the placement emptied the cart, changes nothing.
 *
 * <p>When Redis cannot be asked, or does not have the cart (it lost it: the copy may be on its way
 * back into Redis right now), the copy in PostgreSQL is changed at once and the order is kept in
 * {@code ordered_lines_pending}; {@link #retryPending} asks Redis again (every
 * {@value #PENDING_MILLIS} ms on the housekeeper) until it answers.
 */
final class OrderedLines implements LogConsumer.Handler {

  static final String CONSUMER = "cart.orders";
  static final String SOURCE = CheckoutApi.CONTRACT.context();
  /** How often the orders Redis could not be asked about are tried again. */
  static final long PENDING_MILLIS = 1_000;
  /** How long the consumer waits for Redis before it keeps the order for later (its pass holds a transaction). */
  private static final long REDIS_WAIT_MILLIS = 3_000;
  private static final int PENDING_BATCH = 50;
  private static final Logger LOG = Logger.getLogger(OrderedLines.class.getName());
  private static final String NOT_EMPTIED;

  static {
    EventTypes.registerFamily(CheckoutEvent.class);
    NOT_EMPTIED = EventTypes.register(CartNotEmptied.class);
  }

  private static final String KEEP = """
    INSERT INTO ordered_lines_pending (order_id, customer_id, cart) VALUES ($1, $2, $3) ON CONFLICT (order_id) DO NOTHING
    """;
  private static final String PENDING = """
    SELECT order_id, customer_id, cart FROM ordered_lines_pending ORDER BY created_at, order_id LIMIT $1
    """;
  private static final String DONE = "DELETE FROM ordered_lines_pending WHERE order_id = $1";

  /** What became of an order's lines in Redis. */
  enum Outcome {
    /** Redis answered: the lines are out of its cart (or were already, or the customer has another cart). */
    TAKEN,
    /** Redis has no cart of the customer's: the copy in PostgreSQL was changed. */
    NO_CART,
    /** Redis could not be asked: the copy in PostgreSQL was changed. */
    UNREACHABLE
  }

  private final Vertx vertx;
  private final Pool pool;
  private final CartScripts scripts;
  private final CartSettings settings;
  private final CustomerCarts customers = new CustomerCarts();
  private boolean retrying;
  /**
   * Whether this node may have orders kept for later: true from the start and after this node kept
   * one, false after a look found none. While false, {@link #retryPending} looks only every
   * {@value #IDLE_LOOKS}th time (an order another node kept, or one kept while a look ran, is found
   * within that many seconds).
   */
  private boolean maybePending = true;
  private int idleTicks;
  static final int IDLE_LOOKS = 10;

  OrderedLines(Vertx vertx, Pool pool, CartScripts scripts, CartSettings settings) {
    this.vertx = vertx;
    this.pool = pool;
    this.scripts = scripts;
    this.settings = settings;
  }

  /**
   * The consumer of the checkout's log (start it on the housekeeper), its passes on {@code passes}:
   * a pool of their own, as a pass's transaction holds its connection while the carts' copies are
   * written on this one's.
   */
  LogConsumer consumer(BusClient bus, Pool passes) {
    var outbox = settings.outbox();
    // its effects are Redis's carts and their copies, where a second run changes nothing, and a kept order
    return new LogConsumer(vertx, passes, bus, CONSUMER, SOURCE, this, outbox.batchSize(), outbox.pollMillis(), 3,
      OrderedLines::skipPurged).relaxCommits();
  }

  @Override
  public Future<?> apply(SqlConnection tx, LoggedEvent logged) {
    if (!NOT_EMPTIED.equals(logged.type()) || !(logged.event() instanceof CartNotEmptied placed) || placed.customerId() == null
      || placed.cart() == null || placed.cart().lines() == null || placed.cart().lines().isEmpty()) {
      return Future.succeededFuture();
    }
    return take(placed.orderId(), placed.customerId(), placed.cart()).compose(outcome -> outcome == Outcome.TAKEN ? Future.succeededFuture()
      : tx.preparedQuery(KEEP).execute(Tuple.of(placed.orderId(), placed.customerId(), new JsonObject(Json.string(placed.cart()))))
        .onSuccess(kept -> maybePending = true));
  }

  /**
   * The order's lines out of the customer's cart: in Redis (its answer written through to the copy
   * in PostgreSQL when it changed), else in the copy.
   */
  Future<Outcome> take(UUID orderId, UUID customerId, OrderedCart cart) {
    var argv = new ArrayList<String>(List.of(CartService.key(CartRef.customer(customerId)), Long.toString(System.currentTimeMillis()),
      Long.toString(settings.customerTtlMillis()), Long.toString(System.currentTimeMillis() + settings.reservationMillis()),
      cart.cartId().toString(), orderId.toString()));
    for (OrderedCartLine line : cart.lines()) {
      argv.add(line.variantId().toString());
      argv.add(Integer.toString(line.quantity()));
      argv.add(Long.toString(line.addedAt().toEpochMilli()));
    }
    return scripts.run(Script.ORDERED, argv).timeout(REDIS_WAIT_MILLIS, TimeUnit.MILLISECONDS)
      .compose(reply -> answered(customerId, cart, reply), failure -> {
        LOG.log(Level.FINE, "Redis not asked for the ordered lines of customer " + customerId + "'s cart: " + failure);
        return copy(customerId, cart).map(Outcome.UNREACHABLE);
      });
  }

  private Future<Outcome> answered(UUID customerId, OrderedCart cart, Response reply) {
    switch (reply.get(0).toString()) {
      case "OK" -> {
        if (reply.get(3).toInteger() == 0) {
          // nothing to take in Redis (the placement emptied the cart, or this ran before): the copy may
          // still hold the lines when its write after the emptying failed
          return copy(customerId, cart).map(Outcome.TAKEN);
        }
        CartState state = CartState.of(reply);
        return customers.save(pool, state).map(v -> {
          vertx.eventBus().publish(CartApi.Events.changed(state.id()), state.id().toString());
          return Outcome.TAKEN;
        });
      }
      case "NO_CART" -> {
        return copy(customerId, cart).map(Outcome.NO_CART);
      }
      default -> {
        return Future.succeededFuture(Outcome.TAKEN); // OTHER_CART: the lines were in a cart that is gone
      }
    }
  }

  private Future<Boolean> copy(UUID customerId, OrderedCart cart) {
    return customers.takeOrdered(pool, customerId, cart, System.currentTimeMillis());
  }

  /** Asks Redis again about the orders kept for later, oldest first; stops at the first that Redis still cannot be asked about. */
  Future<Void> retryPending() {
    if (retrying || (!maybePending && ++idleTicks % IDLE_LOOKS != 0)) {
      return Future.succeededFuture();
    }
    retrying = true;
    return pool.preparedQuery(PENDING).execute(Tuple.of(PENDING_BATCH)).compose(rows -> {
      var pending = new ArrayList<Row>();
      rows.forEach(pending::add);
      maybePending = !pending.isEmpty();
      return retry(pending, 0);
    }).onComplete(ar -> {
      retrying = false;
      if (ar.failed()) {
        LOG.log(Level.FINE, "ordered lines kept for later not retried now: " + ar.cause());
      }
    });
  }

  private Future<Void> retry(List<Row> pending, int index) {
    if (index == pending.size()) {
      return Future.succeededFuture();
    }
    Row row = pending.get(index);
    UUID orderId = row.getUUID("order_id");
    OrderedCart cart = Json.decode(row.getJsonObject("cart").encode(), OrderedCart.class);
    return take(orderId, row.getUUID("customer_id"), cart).compose(outcome -> outcome == Outcome.UNREACHABLE
        ? Future.succeededFuture(false)
        : pool.preparedQuery(DONE).execute(Tuple.of(orderId)).map(true))
      .compose(done -> done ? retry(pending, index + 1) : Future.succeededFuture());
  }

  /** The checkout's log no longer keeps events after the checkpoint: their orders' carts are left as they are. */
  static Future<Long> skipPurged(SqlConnection tx, long oldestKept) {
    LOG.warning("the checkout's log no longer keeps the events before position " + oldestKept
      + ": the lines of their orders are not taken out of carts that still hold them");
    return Future.succeededFuture(oldestKept - 1);
  }
}
