package io.kinetic.analytics;

import io.kinetic.kernel.contract.cart.CartApi;
import io.kinetic.kernel.contract.cart.CartCreated;
import io.kinetic.kernel.contract.cart.CartEvent;
import io.kinetic.kernel.contract.log.LoggedEvent;
import io.kinetic.kernel.outbox.DomainEvent;
import io.kinetic.kernel.outbox.EventTypes;
import io.kinetic.kernel.outbox.LogConsumer;
import io.kinetic.kernel.outbox.Pipelining;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The cart's events in the funnel ({@value #CONSUMER}, on the cart's log): each cart created counts
 * once, on its day. While {@link Pipelining} is on, a pass's carts are counted at its end in one
 * statement ({@link #finish}); else each at once.
 */
final class FunnelRollups implements LogConsumer.Handler {

  static final String CONSUMER = "analytics.carts";
  static final String SOURCE = CartApi.CONTRACT.context();

  static {
    EventTypes.registerFamily(CartEvent.class);
  }

  private final Pipelining pipelining;
  /** The carts this pass kept for {@link #finish} (on the consumer's context only). */
  private final List<Cart> carts = new ArrayList<>();

  /** A cart created, on its day. */
  private record Cart(UUID id, LocalDate day) {
  }

  FunnelRollups(Pipelining pipelining) {
    this.pipelining = pipelining;
  }

  /** A pass begins: what a pass that failed kept is not written. */
  @Override
  public Future<?> prepare(List<LoggedEvent> events) {
    carts.clear();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> apply(SqlConnection tx, LoggedEvent logged) {
    DomainEvent event = logged.event();
    if (event instanceof CartCreated c) {
      var cart = new Cart(c.cartId(), SalesRollups.day(c.occurredAt()));
      if (pipelining.on()) {
        carts.add(cart);
        return Future.succeededFuture();
      }
      return tx.preparedQuery(RollupSql.CARTS_CREATED).execute(params(List.of(cart)));
    }
    return Future.succeededFuture();
  }

  /** The carts the pass kept, in one statement. */
  @Override
  public Future<?> finish(SqlConnection tx) {
    if (carts.isEmpty()) {
      return Future.succeededFuture();
    }
    Tuple params = params(carts);
    carts.clear();
    return tx.preparedQuery(RollupSql.CARTS_CREATED).execute(params);
  }

  /** {@link RollupSql#CARTS_CREATED}'s parameters (arrays: added one by one, not spread as {@code Tuple.of}'s varargs). */
  private static Tuple params(List<Cart> kept) {
    return Tuple.tuple().addValue(kept.stream().map(Cart::id).toArray(UUID[]::new))
      .addValue(kept.stream().map(Cart::day).toArray(LocalDate[]::new));
  }
}
