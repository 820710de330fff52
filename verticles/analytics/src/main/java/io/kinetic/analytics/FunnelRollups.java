package io.kinetic.analytics;

import io.kinetic.kernel.outbox.Pipelining;
import io.kinetic.kernel.contract.cart.CartApi;
import io.kinetic.kernel.contract.cart.CartCreated;
import io.kinetic.kernel.contract.cart.CartEvent;
import io.kinetic.kernel.contract.log.LoggedEvent;
import io.kinetic.kernel.outbox.DomainEvent;
import io.kinetic.kernel.outbox.EventTypes;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/** The cart's events in the funnel ({@value #CONSUMER}, on the cart's log): each cart created counts once, on its day. */
final class FunnelRollups {

  static final String CONSUMER = "analytics.carts";
  static final String SOURCE = CartApi.CONTRACT.context();

  static {
    EventTypes.registerFamily(CartEvent.class);
  }

  private final Pipelining pipelining;

  FunnelRollups(Pipelining pipelining) {
    this.pipelining = pipelining;
  }

  Future<?> apply(SqlConnection tx, LoggedEvent logged) {
    DomainEvent event = logged.event();
    if (event instanceof CartCreated c) {
      return pipelining.send(tx.preparedQuery(RollupSql.CART_CREATED).execute(Tuple.of(c.cartId(), SalesRollups.day(c.occurredAt()))));
    }
    return Future.succeededFuture();
  }
}
