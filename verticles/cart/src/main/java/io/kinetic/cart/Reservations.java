package io.kinetic.cart;

import io.kinetic.cart.CartScripts.Script;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.cart.ReservationExpired;
import io.kinetic.kernel.contract.cart.ReservedLevel;
import io.kinetic.kernel.contract.cart.ReservedStockChanged;
import io.kinetic.kernel.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The reservations' housekeeping, on every node every {@code cart.publishMillis} (one node at a
 * time per task, under a short Redis lock): releases the lapsed reservations (the sweep), publishes
 * {@link ReservationExpired} for each, and publishes the changed reserved totals as
 * {@link ReservedStockChanged} for the catalog, which shows available = on hand − reserved.
 *
 * <p>Both go through the cart's outbox. An expired reservation is taken off its Redis list only
 * after its event committed, with an event id derived from the entry, so a crash in between
 * publishes it again at most under the same id, which is then skipped. A total is unmarked only if
 * it did not change again meanwhile; totals carry a growing sequence, so the catalog keeps the newest.
 */
final class Reservations {

  private static final Logger LOG = Logger.getLogger(Reservations.class.getName());
  private static final int BATCH = 500;
  private static final String EXPIRED = "cart:expired";

  private final Vertx vertx;
  private final RedisAPI redis;
  private final CartScripts scripts;
  private final Pool pool;
  private final long everyMillis;
  private final String node = UUID.randomUUID().toString();
  private long timer = -1;
  private boolean running;

  Reservations(Vertx vertx, RedisAPI redis, CartScripts scripts, Pool pool, long everyMillis) {
    this.vertx = vertx;
    this.redis = redis;
    this.scripts = scripts;
    this.pool = pool;
    this.everyMillis = everyMillis;
  }

  void start() {
    timer = vertx.setPeriodic(everyMillis, id -> tick());
  }

  void stop() {
    vertx.cancelTimer(timer);
  }

  /** One round (also for tests): sweep, then publish expiries and totals. */
  Future<Void> tick() {
    if (running) {
      return Future.succeededFuture();
    }
    running = true;
    return scripts.run(Script.SWEEP, List.of(Long.toString(System.currentTimeMillis()), Integer.toString(BATCH)))
      .compose(v -> locked("cart:lock:expired", this::publishExpired))
      .compose(v -> locked("cart:lock:levels", this::publishLevels))
      .onFailure(t -> LOG.warning("reservation housekeeping failed, will retry: " + t))
      .eventually(() -> {
        running = false;
        return Future.succeededFuture();
      })
      .mapEmpty();
  }

  private Future<Void> locked(String lock, java.util.function.Supplier<Future<Void>> task) {
    return redis.set(List.of(lock, node, "NX", "PX", Long.toString(Math.max(10_000, everyMillis * 10))))
      .compose(ok -> ok == null ? Future.succeededFuture() : task.get()
        .eventually(() -> redis.eval(List.of("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
          "1", lock, node))));
  }

  private Future<Void> publishExpired() {
    return redis.lrange(EXPIRED, "0", Integer.toString(BATCH - 1)).compose(entries -> {
      if (entries == null || entries.size() == 0) {
        return Future.succeededFuture();
      }
      var events = new ArrayList<ReservationExpired>();
      for (Response entry : entries) {
        String[] p = entry.toString().split("\\|");
        events.add(new ReservationExpired(UUID.nameUUIDFromBytes(entry.toString().getBytes(StandardCharsets.UTF_8)),
          Instant.ofEpochMilli((long) Double.parseDouble(p[3])), UUID.fromString(p[1]), UUID.fromString(p[0]),
          Integer.parseInt(p[2])));
      }
      int n = entries.size();
      return pool.withTransaction(tx -> tx.preparedQuery("SELECT event_id FROM outbox WHERE event_id = ANY($1)")
          .execute(Tuple.of(events.stream().map(ReservationExpired::eventId).toArray(UUID[]::new)))
          .compose(rows -> {
            Set<UUID> known = new HashSet<>();
            for (Row row : rows) {
              known.add(row.getUUID(0));
            }
            return Outbox.appendAll(tx, events.stream().filter(e -> !known.contains(e.eventId())).toList(), Caller.SYSTEM);
          }))
        .compose(v -> redis.ltrim(EXPIRED, Integer.toString(n), "-1"))
        .mapEmpty();
    });
  }

  private Future<Void> publishLevels() {
    return scripts.run(Script.DIRTY, List.of(Integer.toString(BATCH))).compose(reply -> {
      if (reply.size() == 0) {
        return Future.succeededFuture();
      }
      var levels = new ArrayList<ReservedLevel>();
      var published = new ArrayList<String>();
      for (int i = 0; i + 2 < reply.size(); i += 3) {
        levels.add(new ReservedLevel(UUID.fromString(reply.get(i).toString()), reply.get(i + 1).toInteger(),
          Long.parseLong(reply.get(i + 2).toString())));
        published.add(reply.get(i).toString());
        published.add(reply.get(i + 2).toString());
      }
      var event = new ReservedStockChanged(UUID.randomUUID(), Instant.now(), List.copyOf(levels));
      return pool.withTransaction(tx -> Outbox.append(tx, event, Caller.SYSTEM))
        .compose(v -> scripts.run(Script.PUBLISHED, published))
        .mapEmpty();
    });
  }
}
