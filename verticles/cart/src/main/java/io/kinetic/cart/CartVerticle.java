package io.kinetic.cart;

import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.BusServer;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.bus.Endpoint;
import io.kinetic.kernel.contract.cart.CartApi;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.CatalogEvent;
import io.kinetic.kernel.contract.catalog.StockChanged;
import io.kinetic.kernel.outbox.EventTypes;
import io.kinetic.kernel.outbox.LogConsumer;
import io.kinetic.kernel.pg.PgPools;
import io.kinetic.kernel.redis.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.function.BiFunction;
import java.util.logging.Logger;

/**
 * Serves every endpoint of {@link CartApi} (a node runs {@code cart.instances} of these, each on its
 * own event loop, with the bus spreading requests over them); the one deployed as housekeeper also
 * runs the reservations' housekeeping ({@link Reservations}), notes the catalog's stock changes, and
 * takes the lines of customers' orders out of their carts ({@link OrderedLines}, a consumer of the
 * checkout's log).
 * Expects the {@code cart} schema to be migrated and the catalog reachable over the bus.
 */
public class CartVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(CartVerticle.class.getName());

  static {
    // the catalog's events this verticle hears, whatever else this node registered
    EventTypes.registerFamily(CatalogEvent.class);
  }

  private final CartSettings settings;
  private Pool pool;
  private RedisAPI redis;
  private Reservations reservations;
  private MessageConsumer<StockChanged> stock;
  private LogConsumer orders;
  private Pool ordersPool;
  private long pendingTimer = -1;

  private final boolean housekeeper;

  /** {@code housekeeper}: this instance runs the reservations' housekeeping and notes stock changes (one per node). */
  CartVerticle(CartSettings settings, boolean housekeeper) {
    this.settings = settings;
    this.housekeeper = housekeeper;
  }

  @Override
  public Future<?> start() {
    pool = PgPools.create(vertx, settings.pgUrl(), settings.poolSize(), CartModule.SCHEMA);
    redis = RedisClients.pipelined(vertx, settings.redisUrl(), settings.redisPoolSize(), CartModule.SCHEMA);
    var scripts = new CartScripts(redis);
    var bus = new BusClient(vertx, settings.busTimeoutMillis(), new BusClient.Routing(true, settings.busTimeoutMillis()));
    var carts = new CartService(vertx, scripts, bus, pool, settings);
    var wishlists = new WishlistService(pool, bus, carts, settings);
    reservations = new Reservations(vertx, redis, scripts, pool, settings.cart().publishMillis());
    if (housekeeper) {
      reservations.start();
      var ordered = new OrderedLines(vertx, pool, scripts, settings);
      ordersPool = PgPools.forTask(vertx, settings.pgUrl(), 2, CartModule.SCHEMA, "orders");
      orders = ordered.consumer(bus, ordersPool);
      pendingTimer = vertx.setPeriodic(OrderedLines.PENDING_MILLIS, id -> ordered.retryPending());
      // a new stock figure reaches Redis at once, not only with the next add of that variant
      stock = vertx.eventBus().<StockChanged>consumer(CatalogApi.Events.STOCK_CHANGED, message -> {
        StockChanged e = message.body();
        scripts.run(CartScripts.Script.STOCK, List.of(e.variantId().toString(), Integer.toString(e.onHand()),
          Long.toString(e.version()), CartService.stockSeq(e.stockSeq()))).onFailure(t -> LOG.warning("stock of " + e.sku() + " not noted: " + t.getMessage()));
      });
    }
    return Future.all(List.of(
      stock == null ? Future.succeededFuture() : stock.completion(),
      orders == null ? Future.succeededFuture() : orders.start(),
      serve(CartApi.GET_CURRENCIES, carts::currencies),
      serve(CartApi.GET_CART, carts::get),
      serve(CartApi.CREATE_CART, carts::create),
      serve(CartApi.ADD_LINE, carts::addLine),
      serve(CartApi.SET_LINE_QUANTITY, carts::setQuantity),
      serve(CartApi.REMOVE_LINE, carts::removeLine),
      serve(CartApi.CLEAR, carts::clear),
      serve(CartApi.TAKE_ORDERED_LINES, carts::takeOrdered),
      serve(CartApi.CLAIM_FOR_ORDER, carts::claim),
      serve(CartApi.RELEASE_CLAIM, carts::releaseClaim),
      serve(CartApi.SET_CURRENCY, carts::setCurrency),
      serve(CartApi.ACKNOWLEDGE, carts::acknowledge),
      serve(CartApi.MERGE, carts::merge),
      serve(CartApi.GET_WISHLIST, wishlists::get),
      serve(CartApi.ADD_WISHLIST_ITEM, wishlists::add),
      serve(CartApi.REMOVE_WISHLIST_ITEM, wishlists::remove),
      serve(CartApi.MOVE_WISHLIST_ITEM_TO_CART, wishlists::moveToCart)));
  }

  @Override
  public Future<?> stop() {
    if (reservations != null) {
      reservations.stop();
    }
    if (stock != null) {
      stock.unregister();
    }
    vertx.cancelTimer(pendingTimer);
    Future<Void> consumer = orders == null ? Future.succeededFuture() : orders.stop();
    if (redis != null) {
      redis.close();
    }
    return consumer
      .eventually(() -> ordersPool == null ? Future.succeededFuture() : ordersPool.close())
      .eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }

  /** For tests: one round of the reservations' housekeeping now. */
  Future<Void> housekeeping() {
    return reservations.tick();
  }

  private <Q, R> Future<Void> serve(Endpoint<Q, R> endpoint, BiFunction<Q, Caller, Future<R>> action) {
    return BusServer.serve(vertx, endpoint, action).completion();
  }
}
