package io.kinetic.cart;

import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.cart.CartCreated;
import io.kinetic.kernel.outbox.Outbox;
import io.kinetic.kernel.outbox.OutboxRelay;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Logs {@link CartCreated} when the create script made a cart (its fourth answer is 1): one
 * statement, no transaction (the cart lives in Redis), whose commit does not wait for its own WAL
 * flush ({@code Outbox.appendOnceRelaxed}: a crash within a moment of it may lose the funnel's count
 * of this cart, never anything else). The event's id comes from the cart's id, so
 * a repeated append is ignored by the outbox. A failed append is logged and does not fail the
 * shopper's request: the funnel then misses one cart.
 */
final class CartCreations {

  private static final Logger LOG = Logger.getLogger(CartCreations.class.getName());

  private final Vertx vertx;
  private final Pool pool;

  CartCreations(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  /** Passes the script's reply on once the event is appended (or its append failed). */
  Future<Response> after(Response reply, Caller caller) {
    if (reply.size() < 4 || reply.get(3) == null || reply.get(3).toInteger() != 1) {
      return Future.succeededFuture(reply);
    }
    CartState state = CartState.of(reply);
    var event = new CartCreated(CartCreated.idFor(state.id()), Instant.now(), state.id(), state.customerId(), state.currency(), 1);
    return Outbox.appendOnceRelaxed(pool, event, caller)
      .onSuccess(appended -> {
        if (appended) { // a repeated append wrote nothing: no pass for the relay (it now skips its look after a poke)
          OutboxRelay.poke(vertx, CartModule.SCHEMA);
        }
      })
      .onFailure(t -> LOG.warning("cart " + state.id() + " created, but its CartCreated was not logged: " + t.getMessage()))
      .transform(ar -> Future.succeededFuture(reply));
  }
}
