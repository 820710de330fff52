package io.kinetic.kernel.outbox;

import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.log.GetLogStatus;
import io.kinetic.kernel.contract.log.LogApi;
import io.kinetic.kernel.contract.log.LogBatch;
import io.kinetic.kernel.contract.log.LoggedEvent;
import io.kinetic.kernel.contract.log.ReadLog;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.json.Json;
import io.kinetic.kernel.pg.Transactions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A durable consumer of another context's event log: reads the events after its checkpoint and
 * applies them with its {@link Handler} in one transaction of its own schema that also moves the
 * checkpoint, so each event's effect commits exactly once (effects outside PostgreSQL are at least
 * once). Events arrive in log order, which is commit order: the versions of one aggregate arrive
 * in order; use {@link AggregateVersions} to skip stale ones.
 *
 * <p><b>When.</b> Woken by the log's {@code LogAppended} publication and every {@code pollMillis};
 * a consumer that was down catches up from its checkpoint when started, a new one starts at the
 * beginning of the log ({@link #setCheckpoint} starts it elsewhere, e.g. after a rebuild from an export).
 * A wake-up within {@link #lingerMillis} of the start of a pass that applied events waits for the rest of that time,
 * so under load one pass (one transaction) applies the events of many commits instead of one pass
 * per commit; a quiet log's first event is applied at once, and a backlog is read without pause.
 *
 * <p><b>One at a time.</b> A pass holds the checkpoint's row lock, so instances of one consumer on
 * several verticles or nodes take turns and never apply an event twice.
 *
 * <p><b>Short transactions.</b> A pass reads the log and lets the handler {@link Handler#prepare}
 * before its transaction begins; the transaction locks the checkpoint, finds it where the read
 * started (else another instance applied those events: the pass reads again), applies and moves it;
 * it starts no further event after {@value #PASS_MILLIS} ms, commits what it applied, and the next
 * pass goes on at once (an event's own statements, or a handler's bus call left inside, still take
 * what they take).
 * A transaction that waits on the bus, or lasts, holds back PostgreSQL's cleanup horizon for the whole
 * database: the dead rows and index entries of every busy table (the outboxes' queues first) stay in
 * every scan until it ends.
 *
 * <p><b>Failures.</b> When an event fails, the events before it are applied, then it is retried
 * {@code attemptsBeforeParking} times with a short backoff; then it is parked (set aside in
 * {@code event_parked} with its error) and the consumer moves on. Parked events are retried with
 * a backoff growing to an hour until they apply, and are reported with the consumer's position to
 * the log's status (admin health, {@code /metrics}).
 */
public final class LogConsumer {

  /** Applies one event in the consumer's transaction; a failed future rolls the pass back. */
  @FunctionalInterface
  public interface Handler {
    Future<?> apply(SqlConnection tx, LoggedEvent event);

    /** Applies a parked event's retry, alone in a transaction of its own; by default as {@link #apply}. */
    default Future<?> applyParked(SqlConnection tx, LoggedEvent event) {
      return apply(tx, event);
    }

    /**
     * Called with a pass's events before its transaction begins: fetch here what {@link #apply}
     * needs from other contexts (over the bus), so that the transaction does not wait on them. The
     * events may not all be applied (a failure shortens the pass, another instance may have applied
     * them): keep nothing but a cache, and let {@link #apply} fetch what is missing. A failure is
     * logged and the pass goes on without (so one event that cannot be prepared does not hold up
     * the others: apply fails on it, and it is retried and parked alone).
     */
    default Future<?> prepare(List<LoggedEvent> events) {
      return Future.succeededFuture();
    }

    /**
     * Called in a pass's transaction after its events were applied (not when one failed), before
     * the checkpoint moves: write here what {@link #apply} kept to write for many events at once
     * (one set-based statement instead of one per event). A pass starts with {@link #prepare}, so
     * that is where to forget what a failed pass kept. A failure rolls the pass back and is retried
     * like a failure to read the log (no event is blamed, none is parked): a handler whose finish
     * fails should apply the next passes' events one by one, so that the failing event is found,
     * retried and parked on its own. Not called for a parked event's retry ({@link #applyParked}),
     * which must write its effect at once (and may run while a pass is under way: it must not
     * touch what the pass kept).
     */
    default Future<?> finish(SqlConnection tx) {
      return Future.succeededFuture();
    }
  }

  /**
   * What to do when the log no longer keeps the events after the checkpoint (LOG_TRUNCATED): in the
   * consumer's transaction, rebuild its state (e.g. from the context's export) and answer the
   * position to continue after. Without one, the consumer stays stopped at its checkpoint and says
   * so in the log's status (truncated, with the error) until an operator rebuilds it and calls
   * {@link #setCheckpoint}.
   */
  @FunctionalInterface
  public interface Rebuild {
    Future<Long> rebuild(SqlConnection tx, long oldestKept);
  }

  private static final Logger LOG = Logger.getLogger(LogConsumer.class.getName());
  private static final long HOUSEKEEPING_EVERY_MILLIS = 3_600_000;
  /**
   * After how long a pass's transaction starts no further event and commits what it applied (a
   * backlog is applied in several passes, back to back): a transaction's length holds back
   * PostgreSQL's cleanup (see the class comment).
   */
  private static final long PASS_MILLIS = 250;
  /** The longest a wake-up waits for the next pass ({@link #lingerMillis}). */
  private static final long MAX_LINGER_MILLIS = 100;

  private final Vertx vertx;
  private final Pool pool;
  private final BusClient bus;
  private final String name;
  private final String source;
  private final Handler handler;
  private final int batchSize;
  private final long pollMillis;
  private final int attemptsBeforeParking;
  private final Rebuild rebuild;
  private final Linger linger;
  private final AtomicBoolean requested = new AtomicBoolean();
  private Context context;
  private MessageConsumer<Object> wakeUps;
  private long pollTimer = -1;
  private long parkedTimer = -1;
  private long housekeepingTimer = -1;
  private boolean running;
  private boolean again;
  private boolean failing;
  private long failingSince;
  private boolean warned;
  /** How long a log may be unreadable before it is worth a warning (the start of an engine takes a few seconds). */
  private static final long QUIET_FAILURE_MILLIS = 15_000;
  private long stuckAt = -1;
  private int stuckAttempts;
  private long retryAt;
  private long retryTimer = -1;
  private String failure;
  private int generation;
  private Known known;
  /** Where the current (or last) pass's read started. */
  private long readFrom = -1;
  /** Counts what makes {@link #known} unknown, so that a pass running meanwhile does not set it again. */
  private int forgotten;
  private volatile long position = -1;
  private volatile long head = -1;
  private volatile boolean stopped;
  /** Whether a pass commits without waiting for its WAL flush ({@link #relaxCommits}). */
  private boolean relaxed;

  public LogConsumer(Vertx vertx, Pool pool, BusClient bus, String name, String source, Handler handler,
                     int batchSize, long pollMillis, int attemptsBeforeParking) {
    this(vertx, pool, bus, name, source, handler, batchSize, pollMillis, attemptsBeforeParking, null);
  }

  /** {@code rebuild}: what to do when the log was purged past the checkpoint (null: stop and say so). */
  public LogConsumer(Vertx vertx, Pool pool, BusClient bus, String name, String source, Handler handler,
                     int batchSize, long pollMillis, int attemptsBeforeParking, Rebuild rebuild) {
    this.vertx = vertx;
    this.pool = pool;
    this.bus = bus;
    this.name = name;
    this.source = source;
    this.handler = handler;
    this.batchSize = batchSize;
    this.pollMillis = pollMillis;
    this.attemptsBeforeParking = attemptsBeforeParking;
    this.rebuild = rebuild;
    this.linger = new Linger(vertx, Math.min(MAX_LINGER_MILLIS, pollMillis / 10));
  }

  /**
   * Lets this consumer's passes commit without waiting for their WAL flush ({@link Relaxed}), for
   * a handler whose effects are all in the pass's transaction (rows of its schema) or are
   * idempotent outside it (an index written by version, a mail row that its sender claims
   * durably): a pass lost in a crash of PostgreSQL is applied again from the durable checkpoint,
   * as if it had rolled back. Not for a handler that acts on memory or other nodes after the
   * commit in a way a redo would count twice (the recommender's learning). Call before {@link #start}.
   */
  public LogConsumer relaxCommits() {
    this.relaxed = true;
    return this;
  }

  /** Starts (again) on the caller's context: listens for wake-ups, polls, retries parked events, catches up now. */
  public Future<Void> start() {
    stopped = false;
    generation++;
    forget();
    requested.set(false);
    running = false;
    linger.reset();
    again = false;
    retryAt = 0;
    context = vertx.getOrCreateContext();
    wakeUps = vertx.eventBus().consumer(LogApi.appended(source), message -> poke());
    pollTimer = vertx.setPeriodic(pollMillis, id -> poke());
    // parked events are due after seconds at the earliest: checking every few polls is enough
    parkedTimer = vertx.setPeriodic(Math.min(5_000, Math.max(1_000, pollMillis * 5)), id -> retryParked());
    housekeepingTimer = vertx.setPeriodic(HOUSEKEEPING_EVERY_MILLIS, id -> purgeProcessed());
    return wakeUps.completion().onSuccess(v -> poke());
  }

  /** Stops; a pass in flight finishes (or rolls back), nothing starts after it. */
  public Future<Void> stop() {
    stopped = true;
    vertx.cancelTimer(pollTimer);
    vertx.cancelTimer(parkedTimer);
    vertx.cancelTimer(housekeepingTimer);
    vertx.cancelTimer(retryTimer);
    linger.reset();
    return wakeUps == null ? Future.succeededFuture() : wakeUps.unregister();
  }

  public String name() {
    return name;
  }

  /** The checkpoint this instance last committed or read, -1 before its first pass. */
  public long position() {
    return position;
  }

  /** The log's head as of the last read, -1 before the first. */
  public long head() {
    return head;
  }

  /** Passes soon, on this consumer's context; cheap to call from any thread. */
  public void poke() {
    if (stopped || context == null || !requested.compareAndSet(false, true)) {
      return;
    }
    int started = generation;
    context.runOnContext(v -> {
      requested.set(false);
      if (started == generation) {
        wake();
      }
    });
  }

  /**
   * The shortest time between the starts of two passes that a wake-up waits for: a tenth of the
   * poll interval, at most {@value #MAX_LINGER_MILLIS} ms (tests that poll every 50 ms linger 5 ms).
   */
  public long lingerMillis() {
    return linger.millis();
  }

  /**
   * A pass now, or when the linger after the start of the last pass is over if that pass applied
   * events (one timer at a time; a monotonic clock, so a wall-clock step cannot stretch the wait).
   */
  private void wake() {
    if (stopped) {
      return;
    }
    int started = generation;
    // while running: noted as "again", the pass that follows lingers in turn
    linger.wake(running, () -> {
      if (started == generation) {
        run(batchSize);
      }
    });
  }

  /**
   * Moves {@code consumer}'s checkpoint on {@code source} in the caller's transaction (after a
   * rebuild from an export, or to skip a purged stretch). Its parked events are dropped: the new
   * position supersedes them.
   */
  public static Future<Void> setCheckpoint(SqlConnection tx, String consumer, String source, long position) {
    return tx.preparedQuery(ConsumerSql.SET).execute(Tuple.of(consumer, source, position))
      .compose(v -> tx.preparedQuery(ConsumerSql.DROP_PARKED).execute(Tuple.of(consumer, source)))
      .mapEmpty();
  }

  private void run(int limit) {
    if (stopped) {
      return;
    }
    long wait = retryAt - System.currentTimeMillis();
    if (wait > 0) {
      // a failing event waits out its backoff: pokes and polls do not shorten it
      if (retryTimer < 0) {
        retryTimer = vertx.setTimer(wait, id -> {
          retryTimer = -1;
          run(batchSize);
        });
      }
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    linger.passStarted();
    pass(limit).onComplete(ar -> {
      running = false;
      if (ar.succeeded()) {
        recovered();
        Pass done = ar.result();
        linger.passEnded(done.applied() > 0);
        if (done.applied() == limit || done.position() < done.head() || done.again()) {
          run(batchSize); // a backlog: read on without pause
        } else if (again) {
          wake();
        }
      } else if (ar.cause() instanceof Stuck stuck && !transientFailure(stuck.getCause())) {
        onStuck(stuck);
      } else if (Failure.from(ar.cause()).errorCode() == ErrorCode.LOG_TRUNCATED) {
        truncated(Failure.from(ar.cause()), readFrom);
      } else {
        report(ar.cause() instanceof Stuck stuck ? stuck.getCause() : ar.cause());
      }
    });
  }

  private Future<Pass> pass(int limit) {
    // the read and the handler's preparation come before the transaction (see the class comment);
    // the checkpoint is the one the last pass left, or looked up (made by the first pass that finds none)
    readFrom = -1;
    Future<Known> start = known != null ? Future.succeededFuture(known) : look();
    forget(); // until this pass succeeds
    int epoch = forgotten;
    return start.compose(from -> {
      String lastError = failure != null ? failure : from.lastError();
      var read = new ReadLog(name, from.position(), limit, from.parked(), lastError);
      readFrom = from.position();
      return bus.request(LogApi.read(source), read, Caller.SYSTEM)
        .compose(batch -> prepare(batch.events()).compose(prepared -> Transactions.run(pool, tx -> applyFrom(tx, from, batch))));
    }).onSuccess(done -> {
      position = done.position();
      head = done.head();
      if (epoch == forgotten) {
        known = new Known(done.position(), done.summary().parked(), done.summary().lastError());
      }
    });
  }

  /**
   * The pass's transaction: locks the checkpoint and, if it is still where the read started ({@code
   * from}), applies the batch and moves it; else another instance applied those events since, and
   * the pass reads again from where that one left off.
   */
  private Future<Pass> applyFrom(SqlConnection tx, Known from, LogBatch batch) {
    return tx.preparedQuery(relaxed ? ConsumerSql.LOCK_WITH_PARKED_RELAXED : ConsumerSql.LOCK_WITH_PARKED)
      .execute(Tuple.of(name, source)).compose(rows -> {
        if (rows.size() == 0) {
          return Future.failedFuture(new IllegalStateException(name + " has no checkpoint on " + source));
        }
        Known locked = known(rows.iterator().next());
        if (locked.position() != from.position()) {
          return Future.succeededFuture(new Pass(0, locked.position(), batch.head(), locked, true));
        }
        return applyAll(tx, batch.events())
          .compose(applied -> (applied.isEmpty() ? Future.succeededFuture() : guarded(() -> handler.finish(tx)))
            .compose(v -> moveTo(tx, from.position(), batch, applied, locked)));
      });
  }

  /** The handler's preparation; a failure is no reason to stop: {@code apply} fetches what is missing itself. */
  private Future<?> prepare(List<LoggedEvent> events) {
    return guarded(() -> handler.prepare(events)).recover(t -> {
      LOG.log(Level.FINE, name + " could not prepare " + events.size() + " events, applying them without: " + t);
      return Future.succeededFuture();
    });
  }

  private void forget() {
    known = null;
    forgotten++;
  }

  /** The checkpoint (made when there is none) with the parked events' count and newest error, without a lock. */
  private Future<Known> look() {
    return pool.preparedQuery(ConsumerSql.SUMMARY).execute(Tuple.of(name, source))
      .compose(rows -> rows.size() > 0 ? Future.succeededFuture(rows)
        : pool.preparedQuery(ConsumerSql.ENSURE).execute(Tuple.of(name, source))
          .compose(v -> pool.preparedQuery(ConsumerSql.SUMMARY).execute(Tuple.of(name, source))))
      .map(rows -> known(rows.iterator().next()));
  }

  private static Known known(Row row) {
    return new Known(row.getLong("position"), row.getLong("parked").intValue(), row.getString("last_error"));
  }

  private Future<Pass> moveTo(SqlConnection tx, long from, LogBatch batch, List<LoggedEvent> events, Known summary) {
    if (events.isEmpty()) {
      return Future.succeededFuture(new Pass(0, from, batch.head(), summary));
    }
    long to = events.get(events.size() - 1).position();
    return tx.preparedQuery(ConsumerSql.MOVE).execute(Tuple.of(name, source, to))
      .map(v -> new Pass(events.size(), to, batch.head(), summary, events.size() < batch.events().size()));
  }

  /**
   * Applies the events one after the other, until all are applied or the pass has lasted
   * {@value #PASS_MILLIS} ms (the rest is read again by the next pass, at once); completes with the
   * events applied. The first failure fails with {@link Stuck} naming its index.
   */
  private Future<List<LoggedEvent>> applyAll(SqlConnection tx, List<LoggedEvent> events) {
    Promise<Integer> done = Promise.promise();
    step(tx, events, 0, System.nanoTime() + PASS_MILLIS * 1_000_000, done);
    return done.future().map(applied -> events.subList(0, applied));
  }

  private void step(SqlConnection tx, List<LoggedEvent> events, int start, long deadline, Promise<Integer> done) {
    for (int i = start; i < events.size(); i++) {
      if (i > 0 && System.nanoTime() - deadline > 0) {
        done.complete(i);
        return;
      }
      Future<?> applied = apply(tx, events.get(i));
      if (!applied.isComplete()) {
        int index = i;
        applied.onComplete(ar -> {
          if (ar.failed()) {
            done.fail(new Stuck(index, events.get(index), ar.cause()));
          } else {
            step(tx, events, index + 1, deadline, done);
          }
        });
        return;
      }
      if (applied.failed()) {
        done.fail(new Stuck(i, events.get(i), applied.cause()));
        return;
      }
    }
    done.complete(events.size());
  }

  private Future<?> apply(SqlConnection tx, LoggedEvent event) {
    return guarded(() -> handler.apply(tx, event));
  }

  private Future<?> applyParked(SqlConnection tx, LoggedEvent event) {
    return guarded(() -> handler.applyParked(tx, event));
  }

  /** The handler's future; a null answer is success, a throw a failure. */
  private static Future<?> guarded(java.util.function.Supplier<Future<?>> handling) {
    try {
      Future<?> applied = handling.get();
      return applied == null ? Future.succeededFuture() : applied;
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * An event failed: apply the ones before it first; retry it with a short backoff; park it after
   * {@code attemptsBeforeParking} failures.
   */
  private void onStuck(Stuck stuck) {
    if (stuck.index() > 0) {
      run(stuck.index());
      return;
    }
    LoggedEvent event = stuck.event();
    stuckAttempts = stuckAt == event.position() ? stuckAttempts + 1 : 1;
    stuckAt = event.position();
    failure = "event " + event.position() + " (attempt " + stuckAttempts + "): " + stuck.getCause();
    if (stuckAttempts < attemptsBeforeParking) {
      LOG.log(Level.FINE, name + " failed on " + source + " event " + event.position() + ", retrying: " + stuck.getCause());
      retryAt = System.currentTimeMillis() + (250L << Math.min(stuckAttempts, 6));
      run(batchSize);
      return;
    }
    String error = String.valueOf(stuck.getCause());
    LOG.warning(name + " parked " + source + " event " + event.position() + " (" + event.type() + ") after "
      + stuckAttempts + " failed attempts, moving on; it is retried with backoff: " + error);
    park(event, error).onComplete(ar -> {
      if (ar.failed()) {
        report(ar.cause());
      } else {
        run(batchSize);
      }
    });
  }

  private Future<Void> park(LoggedEvent event, String error) {
    forget();
    return pool.withTransaction(tx -> tx.preparedQuery(ConsumerSql.LOCK).execute(Tuple.of(name, source)).compose(rows -> {
      if (rows.iterator().next().getLong(0) != event.position() - 1) {
        return Future.succeededFuture();
      }
      return tx.preparedQuery(ConsumerSql.PARK).execute(Tuple.of(name, source, event.position(), event.type(),
          new JsonObject(Json.encode(event)), stuckAttempts, error))
        .compose(v -> tx.preparedQuery(ConsumerSql.MOVE).execute(Tuple.of(name, source, event.position())))
        .<Void>mapEmpty();
    }));
  }

  /** Retries the parked events that are due, one transaction each, until none is due. */
  private void retryParked() {
    if (stopped) {
      return;
    }
    long[] current = {-1};
    pool.withTransaction(tx -> tx.preparedQuery(ConsumerSql.NEXT_PARKED).execute(Tuple.of(name, source)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(false);
      }
      Row row = rows.iterator().next();
      current[0] = row.getLong("position");
      LoggedEvent event = Json.decode(row.getString("event"), LoggedEvent.class);
      return applyParked(tx, event)
        .compose(v -> tx.preparedQuery(ConsumerSql.UNPARK).execute(Tuple.of(name, source, current[0])))
        .map(v -> true);
    })).onComplete(ar -> {
      if (current[0] >= 0) {
        forget(); // the parked events changed
      }
      if (ar.succeeded()) {
        if (ar.result()) {
          LOG.info(name + " applied parked " + source + " event " + current[0]);
          retryParked();
        }
      } else if (current[0] >= 0) {
        LOG.warning(name + " failed again on parked " + source + " event " + current[0] + ": " + ar.cause());
        pool.preparedQuery(ConsumerSql.RESCHEDULE).execute(Tuple.of(name, source, current[0], String.valueOf(ar.cause())));
      }
    });
  }

  private void purgeProcessed() {
    pool.preparedQuery(EventLogSql.PURGE_PROCESSED).execute(Tuple.of(7, 10_000))
      .onFailure(t -> LOG.fine(name + " processed-event purge failed: " + t.getMessage()));
  }

  private void recovered() {
    if (failing) {
      LOG.log(warned ? Level.INFO : Level.FINE, name + " reads the " + source + " log again");
    }
    failing = false;
    failure = null;
    stuckAt = -1;
    stuckAttempts = 0;
  }

  /**
   * The log cannot be read. Said once as a warning, but only when it lasts: while the engine starts,
   * the log's context may simply not be deployed yet (its consumers start first), which is no news.
   */
  private void report(Throwable cause) {
    long now = System.currentTimeMillis();
    if (!failing) {
      failingSince = now;
      warned = false;
    }
    boolean lasting = now - failingSince >= QUIET_FAILURE_MILLIS;
    LOG.log(lasting && !warned ? Level.WARNING : Level.FINE, name + " cannot read the " + source + " log"
      + (lasting ? " for " + (now - failingSince) / 1000 + " s" : "") + ", retrying every " + pollMillis + " ms: " + cause.getMessage());
    warned |= lasting;
    failing = true;
    failure = String.valueOf(cause.getMessage());
  }

  /** The log was purged past the checkpoint: rebuild when the consumer knows how, else stay put, visibly. */
  private void truncated(Failure cause, long after) {
    failure = cause.errorCode().string() + ": " + cause.detail();
    if (rebuild == null) {
      LOG.log(failing ? Level.FINE : Level.SEVERE, name + " stopped: " + failure + "; rebuild it and set its checkpoint");
      failing = true;
      return;
    }
    LOG.warning(name + " rebuilds: " + failure);
    forget();
    // only if the checkpoint is still where the truncated read started (the read was made without
    // its lock: another instance may have moved on since, and must not be moved back)
    bus.request(LogApi.status(source), new GetLogStatus(source), Caller.SYSTEM)
      .compose(status -> pool.withTransaction(tx -> tx.preparedQuery(ConsumerSql.LOCK).execute(Tuple.of(name, source))
        .compose(rows -> after < 0 || rows.size() == 0 || rows.iterator().next().getLong(0) != after ? Future.succeededFuture()
          : rebuild.rebuild(tx, status.oldest()).compose(position -> setCheckpoint(tx, name, source, position)))))
      .onComplete(ar -> {
        if (ar.failed()) {
          report(ar.cause());
        } else {
          run(batchSize);
        }
      });
  }

  /**
   * A failure of the database rather than of the event (connection lost, deadlock, serialization,
   * resources, shutdown): it is retried at the next poll and never parks the event.
   */
  private static boolean transientFailure(Throwable t) {
    if (t instanceof PgException pg && pg.getSqlState() != null) {
      String state = pg.getSqlState();
      return state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57");
    }
    return t instanceof java.io.IOException || t instanceof io.vertx.core.VertxException
      && String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("closed");
  }

  /**
   * A pass's outcome; {@code summary}: the checkpoint's parked events as its transaction saw them;
   * {@code again}: read on at once (the pass stopped short, or another instance moved the checkpoint).
   */
  private record Pass(int applied, long position, long head, Known summary, boolean again) {
    Pass(int applied, long position, long head, Known summary) {
      this(applied, position, head, summary, false);
    }
  }

  /**
   * The checkpoint as the last pass left it, with what the next read reports (the parked events'
   * count and newest error); null when unknown: after a failure, a park or a parked event's retry.
   */
  private record Known(long position, int parked, String lastError) {
  }

  /** The event at {@code index} of a batch failed. */
  private static final class Stuck extends RuntimeException {
    private final int index;
    private final LoggedEvent event;

    Stuck(int index, LoggedEvent event, Throwable cause) {
      super(cause);
      this.index = index;
      this.event = event;
    }

    int index() {
      return index;
    }

    LoggedEvent event() {
      return event;
    }
  }
}
