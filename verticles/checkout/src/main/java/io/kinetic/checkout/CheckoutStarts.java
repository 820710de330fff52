package io.kinetic.checkout;

import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.checkout.CheckoutQuote;
import io.kinetic.kernel.contract.checkout.CheckoutStarted;
import io.kinetic.kernel.contract.checkout.QuoteCheckout;
import io.kinetic.kernel.outbox.Outbox;
import io.kinetic.kernel.outbox.OutboxRelay;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.logging.Logger;

/**
 * Logs {@link CheckoutStarted} on the first quote of a cart, for the conversion funnel. The event's
 * id comes from the cart's id and the outbox ignores a repeated one, so it is logged once per cart
 * across nodes and restarts; one statement, no transaction. A cart this instance recorded is
 * remembered ({@value #REMEMBERED} most recent), so its next quotes cost nothing. The quote's reply
 * does not wait for the event, and a failed append is only logged (the funnel then misses a cart).
 */
final class CheckoutStarts {

  private static final Logger LOG = Logger.getLogger(CheckoutStarts.class.getName());
  static final int REMEMBERED = 50_000;

  private final Vertx vertx;
  private final Pool pool;
  private final Map<UUID, Boolean> recorded = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
      return size() > REMEMBERED;
    }
  };

  CheckoutStarts(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  /** {@code quote} that records the start of each cart's checkout after its first successful quote. */
  BiFunction<QuoteCheckout, Caller, Future<CheckoutQuote>> recording(BiFunction<QuoteCheckout, Caller, Future<CheckoutQuote>> quote) {
    return (q, caller) -> quote.apply(q, caller).onSuccess(reply -> started(q, reply, caller));
  }

  private void started(QuoteCheckout q, CheckoutQuote quote, Caller caller) {
    UUID cartId = quote.cartId();
    if (cartId == null || recorded.put(cartId, Boolean.TRUE) != null) {
      return;
    }
    UUID customerId = q.ref() == null ? null : q.ref().customerId();
    var event = new CheckoutStarted(CheckoutStarted.idFor(cartId), Instant.now(), cartId, customerId, quote.currency(), 0);
    Outbox.appendOnce(pool, event, caller)
      .onSuccess(appended -> {
        if (appended) {
          OutboxRelay.poke(vertx, CheckoutModule.SCHEMA);
        }
      })
      .onFailure(t -> {
        recorded.remove(cartId);
        LOG.warning("checkout of cart " + cartId + " started, but its CheckoutStarted was not logged: " + t.getMessage());
      });
  }
}
