package io.kinetic.checkout.seed;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.IntConsumer;

/**
 * Generates a history of orders over the last {@code days} days for demos and the dashboard
 * benchmark ({@code seed --orders N --days D}): orders of the given catalogue sample's variants
 * (1 to 3 lines, 1 or 2 units each) by registered customers (55 %, about five orders each) and
 * guests (some ordering again), 86 % paid, 8 % cancelled unpaid, 3 % refunded and 3 % half refunded;
 * with their payments and timelines, and their events written straight into the checkout's event
 * log ({@code OrderPlaced}, {@code PaymentSucceeded}, {@code OrderCancelled}, {@code PaymentRefunded},
 * {@code CheckoutStarted} for 1.4 carts per order) and {@code CartCreated} for two carts per order
 * into the cart's, exactly as checkout and cart log them: the analytics context then builds its
 * rollups from the events like from live ones.
 *
 * <p>Set-based: one statement per {@value #CHUNK} orders, in a transaction holding the log's head
 * (so positions stay gapless), so a million orders take minutes, not hours. The engine may run
 * meanwhile (its relays find nothing to log; consumers are woken by their polls).
 */
public final class OrderHistory {

  static final int CHUNK = 10_000;
  private static final int CART_CHUNK = 50_000;
  static final double CARTS_PER_ORDER = 2.0;

  private OrderHistory() {
  }

  /**
   * Writes {@code orders} orders of {@code variants} (see the catalog's SaleableVariants: v, p, s,
   * a, n, slug) in {@code currency}; {@code progress} hears the orders written so far. Completes
   * with the number of events logged (checkout's and cart's).
   */
  public static Future<Long> generate(Pool checkout, Pool cart, JsonArray variants, int orders, int days, String currency,
                                      IntConsumer progress) {
    if (variants.isEmpty()) {
      return Future.failedFuture(new IllegalStateException("no published variant has a price in " + currency + ": seed a catalogue first"));
    }
    OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusDays(days);
    long span = days * 86_400L - 3_600;
    long carts = Math.round(orders * CARTS_PER_ORDER);
    return orderChunks(checkout, variants, orders, currency, start, span, 0, 0, progress)
      .compose(events -> cartChunks(cart, carts, currency, start, span, 0, 0).map(more -> events + more));
  }

  private static Future<Long> orderChunks(Pool pool, JsonArray variants, int orders, String currency, OffsetDateTime start,
                                          long span, int done, long events, IntConsumer progress) {
    if (done >= orders) {
      return Future.succeededFuture(events);
    }
    int size = Math.min(CHUNK, orders - done);
    return pool.withTransaction(tx -> tx.query(OrderHistorySql.LOCK_HEAD).execute()
        .compose(head -> {
          long from = head.iterator().next().getLong(0);
          return tx.preparedQuery(OrderHistorySql.CHUNK).execute(Tuple.tuple().addValue(variants).addValue(currency)
              .addValue((long) done).addValue(size).addValue(orders).addValue(start).addValue(span).addValue(from))
            .compose(rows -> {
              long to = rows.iterator().next().getLong("head");
              return tx.preparedQuery(OrderHistorySql.MOVE_HEAD).execute(Tuple.of(to)).map(v -> to - from);
            });
        }))
      .compose(logged -> {
        progress.accept(done + size);
        return orderChunks(pool, variants, orders, currency, start, span, done + size, events + logged, progress);
      });
  }

  private static Future<Long> cartChunks(Pool pool, long carts, String currency, OffsetDateTime start, long span, long done,
                                         long events) {
    if (done >= carts) {
      return Future.succeededFuture(events);
    }
    int size = (int) Math.min(CART_CHUNK, carts - done);
    return pool.withTransaction(tx -> tx.query(OrderHistorySql.LOCK_HEAD).execute()
        .compose(head -> {
          long from = head.iterator().next().getLong(0);
          return tx.preparedQuery(OrderHistorySql.CARTS).execute(Tuple.tuple().addValue(size).addValue(currency)
              .addValue(done).addValue(carts).addValue(start).addValue(span).addValue(from))
            .compose(rows -> {
              long to = rows.iterator().next().getLong("head");
              return tx.preparedQuery(OrderHistorySql.MOVE_HEAD).execute(Tuple.of(to)).map(v -> to - from);
            });
        }))
      .compose(logged -> cartChunks(pool, carts, currency, start, span, done + size, events + logged));
  }
}
