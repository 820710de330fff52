package io.kinetic.cart;

import io.kinetic.cart.CartScripts.Script;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.cart.ReservationExpired;
import io.kinetic.kernel.contract.cart.ReservedLevel;
import io.kinetic.kernel.contract.cart.ReservedStockChanged;
import io.kinetic.kernel.contract.cart.ReservedStockReset;
import io.kinetic.kernel.outbox.Outbox;
import io.kinetic.kernel.outbox.OutboxRelay;
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
 *
 * <p>Redis that lost its data (restarted empty, flushed) also lost the totals the catalog shows:
 * nothing would ever publish again the total of a variant no cart holds any more. Redis keeps the
 * sequence of the latest reset in {@code cart:epoch}; a pass that finds none resets the catalog's
 * figures. The reset takes a sequence above every total published before (the highest, kept in
 * PostgreSQL with each publishing transaction, or the clock if higher) and makes it Redis's epoch,
 * so every later total's sequence is above it; it gives each total Redis holds now a sequence above
 * it too and publishes those, then publishes {@link ReservedStockReset}: the catalog takes every
 * figure whose sequence is below the reset's as 0. Until that event committed, Redis keeps the
 * reset pending ({@code cart:reset}), and a pass on any node does the rest again.
 */
final class Reservations {

  private static final Logger LOG = Logger.getLogger(Reservations.class.getName());
  private static final int BATCH = 500;
  private static final String EXPIRED = "cart:expired";
  private static final String EPOCH = "cart:epoch";
  private static final String RESET = "cart:reset";
  private static final String RESERVED_KEYS = "cart:rsv:";
  /** How far ahead of this node's clock a reset's sequence is at least (other nodes' clocks may run ahead). */
  private static final long CLOCK_MARGIN_MILLIS = 60_000;
  /** The reset's sequence: above the highest published (raised by each publishing transaction) and above the clock in µs (plus a margin). */
  private static final String NEXT_SEQUENCE =
    "UPDATE reserved_sequence SET highest = greatest(highest + 1, $1) RETURNING highest";
  private static final String PUBLISHED_SEQUENCE = "UPDATE reserved_sequence SET highest = greatest(highest, $1)";

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
      .compose(v -> locked("cart:lock:levels", this::levels))
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

  /** The totals, after a reset of the catalog's figures when Redis lost its data (or one is pending). */
  private Future<Void> levels() {
    return redis.mget(List.of(EPOCH, RESET)).compose(marks -> {
      String epoch = text(marks, 0);
      String pending = text(marks, 1);
      if (pending != null) {
        return reset(pending);
      }
      if (epoch == null) {
        return beginReset();
      }
      return publishLevels().mapEmpty();
    });
  }

  /** Publishes a batch of changed totals; answers how many. */
  private Future<Integer> publishLevels() {
    return scripts.run(Script.DIRTY, List.of(Integer.toString(BATCH))).compose(reply -> {
      if (reply.size() == 0) {
        return Future.succeededFuture(0);
      }
      var levels = new ArrayList<ReservedLevel>();
      var published = new ArrayList<String>();
      long highest = 0;
      for (int i = 0; i + 2 < reply.size(); i += 3) {
        long sequence = Long.parseLong(reply.get(i + 2).toString());
        levels.add(new ReservedLevel(UUID.fromString(reply.get(i).toString()), reply.get(i + 1).toInteger(), sequence));
        published.add(reply.get(i).toString());
        published.add(reply.get(i + 2).toString());
        highest = Math.max(highest, sequence);
      }
      var event = new ReservedStockChanged(UUID.randomUUID(), Instant.now(), List.copyOf(levels));
      long top = highest;
      // the highest sequence first: a reset beginning meanwhile waits for this transaction's row lock
      return pool.withTransaction(tx -> tx.preparedQuery(PUBLISHED_SEQUENCE).execute(Tuple.of(top))
          .compose(v -> Outbox.append(tx, event, Caller.SYSTEM)))
        .compose(v -> scripts.run(Script.PUBLISHED, published))
        .map(v -> levels.size());
    });
  }

  /**
   * Redis holds no epoch: it lost its data (or never had any, or was kept by an engine before
   * resets). Takes a sequence above every one published and begins the reset with it, unless
   * another node began one meanwhile (then that one goes on, if still pending).
   */
  private Future<Void> beginReset() {
    // a minute ahead of this node's clock: a total another node published by a clock running ahead
    // (or one whose publishing began before Redis lost its data) stays below the reset
    long clockMicros = (System.currentTimeMillis() + CLOCK_MARGIN_MILLIS) * 1000;
    return pool.preparedQuery(NEXT_SEQUENCE).execute(Tuple.of(clockMicros))
      .compose(rows -> scripts.run(Script.RESET, List.of(Long.toString(rows.iterator().next().getLong(0)))))
      .compose(pending -> {
        String sequence = pending == null ? "" : pending.toString();
        if (sequence.isEmpty()) {
          return Future.succeededFuture();
        }
        LOG.warning("Redis holds no reservation epoch (it lost its data, was flushed, or is new): the catalog's reserved "
          + "totals are reset as of sequence " + sequence + ", the ones Redis holds published again");
        return reset(sequence);
      });
  }

  /**
   * The reset at {@code sequence}: every total Redis holds gets a sequence above it and is
   * published (as many batches as that takes, and no more: carts go on changing totals), then
   * {@link ReservedStockReset} (under an id of its sequence: a pass doing it again after a crash
   * adds no second one), and the reset is no longer pending.
   */
  private Future<Void> reset(String sequence) {
    long now = System.currentTimeMillis();
    return republish(sequence, Long.toString(now), "0", 0)
      .compose(n -> publishAll(n / BATCH + 2))
      .compose(v -> pool.withTransaction(tx -> tx.preparedQuery(PUBLISHED_SEQUENCE).execute(Tuple.of(Long.parseLong(sequence)))
        .compose(w -> Outbox.appendOnce(tx, new ReservedStockReset(
          UUID.nameUUIDFromBytes(("cart.reserved-stock-reset|" + sequence).getBytes(StandardCharsets.UTF_8)),
          Instant.now(), Long.parseLong(sequence)), Caller.SYSTEM))))
      .compose(v -> scripts.run(Script.RESET_PUBLISHED, List.of(sequence)))
      .onSuccess(v -> {
        OutboxRelay.poke(vertx, CartModule.SCHEMA);
        LOG.info("the catalog's reserved totals are reset as of sequence " + sequence);
      })
      .mapEmpty();
  }

  /** Gives every reserved total in Redis a sequence above the reset's, SCAN batch by batch; answers how many. */
  private Future<Integer> republish(String sequence, String now, String cursor, int done) {
    return redis.scan(List.of(cursor, "MATCH", RESERVED_KEYS + "*", "COUNT", "1000")).compose(page -> {
      String next = page.get(0).toString();
      var args = new ArrayList<String>();
      args.add(sequence);
      args.add(now);
      for (Response key : page.get(1)) {
        args.add(key.toString().substring(RESERVED_KEYS.length()));
      }
      Future<Integer> batch = args.size() == 2 ? Future.succeededFuture(0)
        : scripts.run(Script.REPUBLISH, args).map(Response::toInteger);
      return batch.compose(n -> "0".equals(next) ? Future.succeededFuture(done + n) : republish(sequence, now, next, done + n));
    });
  }

  /** Publishes batches of changed totals until none is left, at most {@code rounds} of them. */
  private Future<Void> publishAll(int rounds) {
    return publishLevels().compose(n -> n == 0 || rounds <= 1 ? Future.succeededFuture() : publishAll(rounds - 1));
  }

  private static String text(Response array, int index) {
    Response value = array == null || array.size() <= index ? null : array.get(index);
    return value == null ? null : value.toString();
  }
}
