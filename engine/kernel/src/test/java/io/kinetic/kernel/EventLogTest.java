package io.kinetic.kernel;

import io.kinetic.kernel.contract.catalog.CatalogApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.BusServer;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.bus.RecordCodec;
import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.Contracts;
import io.kinetic.kernel.contract.log.ForgetReader;
import io.kinetic.kernel.contract.log.GetLogStatus;
import io.kinetic.kernel.contract.log.LogApi;
import io.kinetic.kernel.contract.log.LogStatus;
import io.kinetic.kernel.contract.log.LoggedEvent;
import io.kinetic.kernel.contract.log.ReadLog;
import io.kinetic.kernel.contract.log.ReaderStatus;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.id.Ids;
import io.kinetic.kernel.outbox.AggregateVersions;
import io.kinetic.kernel.outbox.EventLog;
import io.kinetic.kernel.outbox.EventLogVerticle;
import io.kinetic.kernel.outbox.EventTypes;
import io.kinetic.kernel.outbox.LogConsumer;
import io.kinetic.kernel.outbox.Outbox;
import io.kinetic.kernel.outbox.OutboxRelay;
import io.kinetic.kernel.pg.Migrations;
import io.kinetic.kernel.pg.PgPools;
import io.kinetic.kernel.testing.TestEvent;
import io.kinetic.kernel.testing.TestServices;
import io.kinetic.kernel.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The durable event log end to end through a real PostgreSQL: a producer schema with its
 * {@link EventLogVerticle}, consumers in another schema reading it over the bus from their own
 * checkpoints.
 */
class EventLogTest {

  private static final String SOURCE = "kernel_log_src";
  private static final String SINK = "kernel_log_dst";
  private static Vertx vertx;
  private static Pool source;
  private static Pool sink;
  private static BusClient bus;
  private static AppConfig.Outbox settings;

  @BeforeAll
  static void setUp() throws Exception {
    vertx = Vertx.vertx();
    Contracts.register(vertx, CatalogApi.CONTRACT);
    EventTypes.register(TestEvent.class);
    vertx.eventBus().registerDefaultCodec(TestEvent.class, new RecordCodec<>(TestEvent.class));
    AppConfig config = TestServices.get().config();
    String url = config.pg().url();
    Migrations.migrateBlocking(url, SOURCE);
    Migrations.migrateBlocking(url, SINK);
    source = PgPools.create(vertx, url, 16, SOURCE);
    sink = PgPools.create(vertx, url, 8, SINK);
    bus = new BusClient(vertx, 10_000);
    settings = new AppConfig.Outbox(100, 200, 7, false);
    source.query("CREATE TABLE IF NOT EXISTS thing (id uuid PRIMARY KEY, version bigint NOT NULL)").execute()
      .await(10, TimeUnit.SECONDS);
    sink.query("""
      CREATE TABLE IF NOT EXISTS applied (seq bigserial PRIMARY KEY, consumer text NOT NULL, event_id uuid NOT NULL,
                                          thing uuid NOT NULL, version bigint NOT NULL, position bigint NOT NULL)
      """).execute().await(10, TimeUnit.SECONDS);
    vertx.deployVerticle(new EventLogVerticle(SOURCE, url, 16, settings)).await(30, TimeUnit.SECONDS);
  }

  /**
   * A context's log is deployed before its verticles (ContextModule). Its pool must not be the
   * context's: pools are shared by name, so the first one made fixed the size of both (the
   * checkout's configured 24 connections were 2 here, 8 in an engine).
   */
  @Test
  void aContextsOwnPoolKeepsItsSizeBesideItsLog() throws Exception {
    String url = TestServices.get().config().pg().url();
    String schema = "kernel_log_pool";
    Migrations.migrateBlocking(url, schema);
    String log = vertx.deployVerticle(new EventLogVerticle(schema, url, 2, settings)).await(30, TimeUnit.SECONDS);
    Pool own = PgPools.create(vertx, url, 6, schema);
    try {
      var connections = new ArrayList<Future<SqlConnection>>();
      for (int i = 0; i < 6; i++) {
        connections.add(own.getConnection());
      }
      var held = Future.all(connections).await(10, TimeUnit.SECONDS);
      assertEquals(6, held.size(), "six connections at once from the context's own pool");
      connections.forEach(c -> c.result().close());
    } finally {
      own.close().await(10, TimeUnit.SECONDS);
      vertx.undeploy(log).await(30, TimeUnit.SECONDS);
    }
  }

  /**
   * A log stopping while its readers poll it (a clean stop of the engine): it stops serving, lets
   * the reads it serves finish and only then closes its pool. No read fails on the closed pool (each
   * was an error line, "log.read failed: Pool closed", at every Ctrl-C); a read after the stop finds
   * no handler, which its consumer takes quietly as passing.
   */
  @Test
  void aLogStoppingUnderItsReadersSaysNoError() throws Exception {
    String url = TestServices.get().config().pg().url();
    String schema = "kernel_log_stop";
    Migrations.migrateBlocking(url, schema);
    String log = vertx.deployVerticle(new EventLogVerticle(schema, url, 4, settings)).await(30, TimeUnit.SECONDS);
    var said = new CopyOnWriteArrayList<String>();
    var handler = new java.util.logging.Handler() {
      @Override
      public void publish(LogRecord r) {
        if (r.getLevel().intValue() >= Level.WARNING.intValue() && r.getMessage().startsWith(schema + ".")) {
          said.add(r.getLevel() + " " + r.getMessage() + ": " + r.getThrown());
        }
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    Logger served = Logger.getLogger(BusServer.class.getName());
    served.addHandler(handler);
    var refused = new CopyOnWriteArrayList<ErrorCode>();
    long readers = vertx.setPeriodic(2, id -> {
      for (int i = 0; i < 3; i++) {
        bus.request(LogApi.read(schema), new ReadLog("stop-probe-" + i, 0, 10, 0, null), Caller.SYSTEM)
          .onFailure(t -> refused.add(Failure.from(t).errorCode()));
      }
    });
    try {
      Thread.sleep(300);
      vertx.undeploy(log).await(30, TimeUnit.SECONDS);
      Thread.sleep(300);
    } finally {
      vertx.cancelTimer(readers);
      served.removeHandler(handler);
    }
    assertEquals(0, said.size(), "a stopping log says no error or warning: " + said.stream().distinct().limit(3).toList());
    // after the stop no handler (SERVICE_UNAVAILABLE); a read queued at the handler as it went is
    // discarded (BUS_TIMEOUT): both passing for a consumer, never INTERNAL
    assertTrue(refused.contains(ErrorCode.SERVICE_UNAVAILABLE) && refused.stream()
        .allMatch(c -> c == ErrorCode.SERVICE_UNAVAILABLE || c == ErrorCode.BUS_TIMEOUT),
      "the reads after the stop find no handler: " + refused.stream().distinct().toList());
  }

  @AfterAll
  static void tearDown() {
    vertx.close();
  }

  /**
   * The test: a consumer is stopped, 10,000 events are written by concurrent
   * transactions (some held open while later ones commit), the consumer is restarted (twice over,
   * racing itself): every event is applied exactly once, in version order per aggregate.
   */
  @Test
  void aStoppedConsumerCatchesUpExactlyOnceInVersionOrder() throws Exception {
    String name = "catch-up";
    startAtHead(name);
    LogConsumer first = consumer(name, recorder(name));
    start(first);
    stop(first);

    List<UUID> things = createThings(100);
    List<UUID> written = writeConcurrently(things, 10_000);

    LogConsumer again = consumer(name, recorder(name));
    LogConsumer rival = consumer(name, recorder(name));
    start(again);
    start(rival);
    long head = head();
    Eventually.until("the checkpoint at the head " + head, Duration.ofSeconds(120), () -> checkpoint(name) >= head);
    stop(again);
    stop(rival);

    Map<UUID, Integer> times = new HashMap<>();
    Map<UUID, List<Long>> versions = new HashMap<>();
    for (Row row : sink.preparedQuery("SELECT event_id, thing, version FROM applied WHERE consumer = $1 ORDER BY seq")
      .execute(Tuple.of(name)).await(10, TimeUnit.SECONDS)) {
      times.merge(row.getUUID("event_id"), 1, Integer::sum);
      versions.computeIfAbsent(row.getUUID("thing"), t -> new ArrayList<>()).add(row.getLong("version"));
    }
    for (UUID id : written) {
      assertEquals(1, times.getOrDefault(id, 0), "event " + id + " applied exactly once");
    }
    assertEquals(written.size(), times.size(), "nothing applied that was not written");
    versions.forEach((thing, applied) -> {
      for (int i = 0; i < applied.size(); i++) {
        assertEquals(i + 1, applied.get(i), "thing " + thing + " versions in order: " + applied);
      }
    });
  }

  /**
   * Under load a consumer lingers after a pass (a tenth of its poll interval, here 100 ms), so a
   * burst of commits, each waking it, is applied by a few passes (transactions), not one per
   * commit, and still every event exactly once.
   */
  @Test
  void aBurstOfCommitsIsAppliedByFewPassesEachEventOnce() throws Exception {
    String name = "lingering";
    startAtHead(name);
    Set<Long> passes = ConcurrentHashMap.newKeySet();
    Set<String> commits = ConcurrentHashMap.newKeySet();
    LogConsumer.Handler record = recorder(name);
    LogConsumer consumer = new LogConsumer(vertx, sink, bus, name, SOURCE, (tx, event) ->
      tx.query(SETTING.replace("SELECT", "SELECT txid_current(),")).execute().compose(rows -> {
        passes.add(rows.iterator().next().getLong(0));
        commits.add(rows.iterator().next().getString(1) + " " + rows.iterator().next().getString(2));
        return record.apply(tx, event);
      }), 200, 1000, 3).relaxCommits();
    assertEquals(100, consumer.lingerMillis());
    start(consumer);
    try {
      List<UUID> things = createThings(10);
      var written = new ArrayList<UUID>();
      for (int i = 0; i < 100; i++) {
        written.add(write(things.get(i % things.size()), "burst" + i, 0));
        OutboxRelay.poke(vertx, SOURCE); // as a context's writer does after its commit
        Thread.sleep(10);
      }
      long head = head();
      Eventually.until("the lingering consumer at the head " + head, Duration.ofSeconds(30), () -> checkpoint(name) >= head);
      assertEachAppliedOnce(name, written);
      assertTrue(passes.size() <= 30, "100 commits over more than a second applied by " + passes.size()
        + " passes; one per 100 ms is about 12, one per commit would be 100");
      // a pass commits without waiting for its WAL flush (it is redone from the log if lost), and
      // only the pass: the pool's connections commit durably again afterwards
      // (set for the pass: its source is "session" while it lasts, whatever the server's default)
      assertEquals(Set.of("off session"), commits);
      for (int i = 0; i < 4; i++) {
        var after = sink.query(SETTING).execute().await(10, TimeUnit.SECONDS).iterator().next();
        assertNotEquals("session", after.getString(1), "the pass's setting ended with it");
      }
    } finally {
      stop(consumer);
    }
  }

  /**
   * A pass reads the log and lets its handler prepare (fetch over the bus, say) before its
   * transaction begins: while the handler prepares, the checkpoint is not locked (no transaction of
   * the pass is open to hold back PostgreSQL's cleanup), and every event applied was prepared first.
   */
  @Test
  void aPassPreparesItsEventsBeforeItsTransactionBegins() throws Exception {
    String name = "preparing";
    startAtHead(name);
    Set<UUID> prepared = ConcurrentHashMap.newKeySet();
    List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
    LogConsumer.Handler record = recorder(name);
    LogConsumer consumer = new LogConsumer(vertx, sink, bus, name, SOURCE, new LogConsumer.Handler() {
      @Override
      public Future<?> prepare(List<LoggedEvent> events) {
        return sink.withTransaction(tx -> tx.preparedQuery(
            "SELECT position FROM event_checkpoint WHERE consumer = $1 AND source = $2 FOR UPDATE NOWAIT")
            .execute(Tuple.of(name, SOURCE)))
          .onFailure(t -> problems.add("the checkpoint was locked while preparing: " + t.getMessage()))
          .onSuccess(rows -> events.forEach(e -> prepared.add(e.eventId())));
      }

      @Override
      public Future<?> apply(SqlConnection tx, LoggedEvent event) {
        if (!prepared.contains(event.eventId())) {
          problems.add("applied without being prepared: " + event.eventId());
        }
        return record.apply(tx, event);
      }
    }, 200, 100, 3);
    start(consumer);
    try {
      List<UUID> things = createThings(5);
      var written = new ArrayList<UUID>();
      for (int i = 0; i < 50; i++) {
        written.add(write(things.get(i % things.size()), "prepared" + i, 0));
      }
      long head = head();
      Eventually.until("the preparing consumer at the head " + head, Duration.ofSeconds(30), () -> checkpoint(name) >= head);
      assertEachAppliedOnce(name, written);
      assertEquals(List.of(), problems);
    } finally {
      stop(consumer);
    }
  }

  /**
   * A handler may keep a pass's events and write them at the pass's end, in one statement
   * ({@link LogConsumer.Handler#finish}); when that end fails, the pass is rolled back (the
   * checkpoint does not move) and applied again: every event is written exactly once.
   */
  @Test
  void whatAPassKeptIsWrittenAtItsEndAndAFailedEndMovesNothing() throws Exception {
    String name = "finishing";
    startAtHead(name);
    var finishes = new java.util.concurrent.atomic.AtomicInteger();
    Map<UUID, Integer> applications = new ConcurrentHashMap<>();
    LogConsumer consumer = consumer(name, new LogConsumer.Handler() {
      private List<LoggedEvent> kept = new ArrayList<>();

      @Override
      public Future<?> prepare(List<LoggedEvent> events) {
        kept = new ArrayList<>();
        return Future.succeededFuture();
      }

      @Override
      public Future<?> apply(SqlConnection tx, LoggedEvent event) {
        kept.add(event);
        applications.merge(event.eventId(), 1, Integer::sum);
        return Future.succeededFuture();
      }

      @Override
      public Future<?> finish(SqlConnection tx) {
        // every other end fails after its rows were written (under another name): they must not stay
        boolean fails = finishes.incrementAndGet() % 2 == 1;
        var rows = kept.stream().map(e -> {
          TestEvent event = (TestEvent) e.event();
          return Tuple.of(fails ? name + "/rolled-back" : name, event.eventId(), event.thing(), event.version(), e.position());
        }).toList();
        kept = new ArrayList<>();
        Future<?> written = tx.preparedQuery("INSERT INTO applied (consumer, event_id, thing, version, position) VALUES ($1, $2, $3, $4, $5)")
          .executeBatch(rows);
        return fails ? written.compose(v -> Future.failedFuture(new IllegalStateException("the end fails"))) : written;
      }
    });
    start(consumer);
    try {
      List<UUID> things = createThings(5);
      var written = new ArrayList<UUID>();
      for (int i = 0; i < 60; i++) {
        written.add(write(things.get(i % things.size()), "kept" + i, 0));
      }
      long head = head();
      Eventually.until("the finishing consumer at the head " + head, Duration.ofSeconds(30), () -> checkpoint(name) >= head);
      assertEachAppliedOnce(name, written);
      assertEquals(0, scalar(sink, "SELECT count(*) FROM applied WHERE consumer = '" + name + "/rolled-back'"),
        "what a failed end wrote was rolled back");
      assertTrue(applications.values().stream().anyMatch(n -> n > 1), "the events of a failed pass are applied again");
    } finally {
      stop(consumer);
    }
  }

  /**
   * Two instances of one consumer race, each preparing slowly and failing to prepare every other
   * time: a failed preparation holds nothing up (the events are applied without it), and the
   * instance that read before the other moved the checkpoint reads again; every event is applied
   * once, in version order.
   */
  @Test
  void rivalsWithSlowAndFailingPreparationsApplyEachEventOnceInOrder() throws Exception {
    String name = "rivals";
    startAtHead(name);
    var calls = new java.util.concurrent.atomic.AtomicInteger();
    LogConsumer.Handler record = recorder(name);
    LogConsumer.Handler preparing = new LogConsumer.Handler() {
      @Override
      public Future<?> prepare(List<LoggedEvent> events) {
        Promise<Void> slow = Promise.promise();
        vertx.setTimer(20, t -> {
          if (calls.incrementAndGet() % 2 == 0) {
            slow.fail("cannot prepare now");
          } else {
            slow.complete();
          }
        });
        return slow.future();
      }

      @Override
      public Future<?> apply(SqlConnection tx, LoggedEvent event) {
        return record.apply(tx, event);
      }
    };
    LogConsumer one = new LogConsumer(vertx, sink, bus, name, SOURCE, preparing, 20, 100, 3);
    LogConsumer other = new LogConsumer(vertx, sink, bus, name, SOURCE, preparing, 20, 100, 3);
    start(one);
    start(other);
    try {
      List<UUID> things = createThings(5);
      List<UUID> written = writeConcurrently(things, 300);
      long head = head();
      Eventually.until("the rivals at the head " + head, Duration.ofSeconds(60), () -> checkpoint(name) >= head);
      assertEachAppliedOnce(name, written);
      Map<UUID, List<Long>> versions = new HashMap<>();
      for (Row row : sink.preparedQuery("SELECT thing, version FROM applied WHERE consumer = $1 ORDER BY seq")
        .execute(Tuple.of(name)).await(10, TimeUnit.SECONDS)) {
        versions.computeIfAbsent(row.getUUID("thing"), t -> new ArrayList<>()).add(row.getLong("version"));
      }
      versions.forEach((thing, applied) -> {
        for (int i = 1; i < applied.size(); i++) {
          assertTrue(applied.get(i) > applied.get(i - 1), "thing " + thing + " versions in order: " + applied);
        }
      });
      assertTrue(calls.get() > 2, "prepared " + calls.get() + " times");
    } finally {
      stop(one);
      stop(other);
    }
  }

  /**
   * A pass's transaction commits what it applied after a quarter of a second and the next pass goes
   * on at once: a slow handler's backlog is applied in several short transactions (each holding
   * back PostgreSQL's cleanup for little time), every event once.
   */
  @Test
  void aSlowBacklogIsAppliedInShortTransactionsEachEventOnce() throws Exception {
    String name = "slow";
    startAtHead(name);
    List<UUID> things = createThings(4);
    var written = new ArrayList<UUID>();
    for (int i = 0; i < 24; i++) {
      written.add(write(things.get(i % things.size()), "slow" + i, 0));
    }
    long head = head();
    Map<Long, Integer> perPass = new ConcurrentHashMap<>();
    LogConsumer.Handler record = recorder(name);
    LogConsumer consumer = new LogConsumer(vertx, sink, bus, name, SOURCE, (tx, event) ->
      tx.query("SELECT txid_current()").execute().compose(rows -> {
        perPass.merge(rows.iterator().next().getLong(0), 1, Integer::sum);
        Promise<Void> slow = Promise.promise();
        vertx.setTimer(50, t -> slow.complete());
        return slow.future().compose(v -> record.apply(tx, event));
      }), 200, 1000, 3);
    start(consumer);
    try {
      Eventually.until("the slow consumer at the head " + head, Duration.ofSeconds(30), () -> checkpoint(name) >= head);
      assertEachAppliedOnce(name, written);
      assertTrue(perPass.size() >= 3 && perPass.values().stream().allMatch(n -> n <= 8),
        "24 events of 50 ms each in passes of at most 250 ms: " + perPass.values());
    } finally {
      stop(consumer);
    }
  }

  @Test
  void aFailingEventIsParkedWithoutBlockingTheOthersVisiblyAndAppliedOnceFixed() throws Exception {
    String name = "picky";
    var fixed = new AtomicBoolean();
    LogConsumer.Handler record = recorder(name);
    LogConsumer picky = consumer(name, (tx, e) -> {
      TestEvent event = (TestEvent) e.event();
      if (event.note().equals("poison") && !fixed.get()) {
        return Future.failedFuture(new IllegalStateException("cannot digest " + event.eventId()));
      }
      return record.apply(tx, e);
    });
    long from = head();
    sink.withTransaction(tx -> LogConsumer.setCheckpoint(tx, name, SOURCE, from)).await(10, TimeUnit.SECONDS);
    List<UUID> things = createThings(2);
    List<UUID> ids = new ArrayList<>();
    for (String note : List.of("a", "b", "poison", "d", "e")) {
      // the poison is about an aggregate of its own: retried later, it is not stale
      ids.add(write(things.get(note.equals("poison") ? 1 : 0), note, 0));
    }
    long head = head();
    start(picky);
    Eventually.until("the consumer moves past the poison", Duration.ofSeconds(30), () -> checkpoint(name) >= head);
    assertEquals(List.of(1L, 1L, 0L, 1L, 1L), ids.stream().map(id -> count(name, id)).toList(),
      "the others are applied, the poison is not");
    assertEquals(1L, scalar(sink, "SELECT count(*) FROM event_parked WHERE consumer = 'picky'"));

    Eventually.until("the failure shows in the log status", Duration.ofSeconds(10), () -> {
      ReaderStatus reader = status().readers().stream().filter(r -> r.consumer().equals(name)).findFirst().orElse(null);
      return reader != null && reader.parked() == 1 && reader.lastError() != null && reader.lastError().contains("cannot digest");
    });

    fixed.set(true);
    sink.query("UPDATE event_parked SET next_attempt_at = now() WHERE consumer = 'picky'").execute().await(5, TimeUnit.SECONDS);
    Eventually.until("the parked event is applied once fixed", Duration.ofSeconds(20), () -> count(name, ids.get(2)) == 1);
    Eventually.until("and leaves the parking", Duration.ofSeconds(5), () ->
      scalar(sink, "SELECT count(*) FROM event_parked WHERE consumer = 'picky'") == 0);
    stop(picky);
  }

  @Test
  void theStatusShowsHowFarAStoppedConsumerIsBehind() throws Exception {
    String name = "sleepy";
    long from = head();
    sink.withTransaction(tx -> LogConsumer.setCheckpoint(tx, name, SOURCE, from)).await(10, TimeUnit.SECONDS);
    LogConsumer sleepy = consumer(name, recorder(name));
    start(sleepy);
    long head = head();
    Eventually.until("caught up", Duration.ofSeconds(30), () -> checkpoint(name) >= head);
    stop(sleepy);
    // reads report the committed position: one more read after catching up
    bus.request(LogApi.read(SOURCE), new ReadLog(name, checkpoint(name), 1, 0, null), Caller.SYSTEM).await(5, TimeUnit.SECONDS);
    UUID thing = createThings(1).get(0);
    write(thing, "x", 0);
    write(thing, "y", 0);
    Eventually.until("two events in the log", Duration.ofSeconds(10), () -> head() >= head + 2);
    ReaderStatus reader = status().readers().stream().filter(r -> r.consumer().equals(name)).findFirst().orElseThrow();
    assertTrue(reader.eventsBehind() >= 2, "behind by " + reader.eventsBehind());
    assertTrue(reader.secondsBehind() > 0, "seconds behind: " + reader.secondsBehind());
  }

  @Test
  void retentionNeverPurgesPastARegisteredReaderUnlessItIsForgotten() throws Exception {
    String laggard = "laggard-" + Ids.newId();
    UUID thing = createThings(1).get(0);
    long before = head();
    UUID old = write(thing, "old", 0);
    Eventually.until("logged", Duration.ofSeconds(10), () -> head() > before);
    long position = positionOf(old);
    // the laggard has read everything before this event, nothing after it
    bus.request(LogApi.read(SOURCE), new ReadLog(laggard, position - 1, 1, 0, null), Caller.SYSTEM).await(5, TimeUnit.SECONDS);
    source.preparedQuery("UPDATE outbox SET delivered_at = now() - interval '30 days' WHERE position <= $1")
      .execute(Tuple.of(position)).await(5, TimeUnit.SECONDS);
    var log = new EventLog(source, SOURCE);

    log.purge(7, false).await(30, TimeUnit.SECONDS);
    assertEquals(1L, scalar(source, "SELECT count(*) FROM outbox WHERE position = " + position), "kept for the laggard");

    bus.request(LogApi.forget(SOURCE), new ForgetReader(SOURCE, laggard), Caller.SYSTEM).await(5, TimeUnit.SECONDS);
    // the other test consumers are registered too: only the operator's override purges past them
    log.purge(7, true).await(30, TimeUnit.SECONDS);
    assertEquals(0L, scalar(source, "SELECT count(*) FROM outbox WHERE position = " + position), "purged when told to");

    Failure truncated = assertThrows(Failure.class, () -> bus.request(LogApi.read(SOURCE),
      new ReadLog(laggard, position - 1, 10, 0, null), Caller.SYSTEM).await(5, TimeUnit.SECONDS));
    assertEquals(ErrorCode.LOG_TRUNCATED, truncated.errorCode());

    // a consumer behind what the log keeps: without a rebuild it stops, visibly, and holds nothing back
    String stuck = "stuck-" + Ids.newId();
    LogConsumer plain = consumer(stuck, recorder(stuck));
    start(plain);
    Eventually.until("the truncated consumer in the status", Duration.ofSeconds(10), () -> status().readers().stream()
      .anyMatch(r -> r.consumer().equals(stuck) && r.truncated() && r.lastError() != null
        && r.lastError().startsWith("LOG_TRUNCATED")));
    assertTrue(checkpointOrMinus(stuck) <= 0, "nothing applied (no checkpoint, or at the log's start)");
    stop(plain);
    // with a rebuild it continues after the position the rebuild answers
    String rebuilt = "rebuilt-" + Ids.newId();
    LogConsumer rebuilding = new LogConsumer(vertx, sink, bus, rebuilt, SOURCE, recorder(rebuilt), 200, 100, 3,
      (tx, oldestKept) -> Future.succeededFuture(oldestKept - 1));
    start(rebuilding);
    long now = head();
    Eventually.until("the rebuilt consumer at the head", Duration.ofSeconds(20), () -> checkpoint(rebuilt) >= now);
    stop(rebuilding);
  }

  private static long checkpointOrMinus(String name) {
    return scalar(sink, "SELECT coalesce((SELECT position FROM event_checkpoint WHERE consumer = '" + name + "'), -1)");
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** The session's {@code synchronous_commit} and where it comes from ({@code session}: set by SET or set_config). */
  private static final String SETTING = "SELECT setting, source FROM pg_settings WHERE name = 'synchronous_commit'";

  /** The consumer's checkpoint at the log's head: it applies only what is written from now on. */
  private static void startAtHead(String name) throws Exception {
    long start = head();
    sink.withTransaction(tx -> LogConsumer.setCheckpoint(tx, name, SOURCE, start)).await(10, TimeUnit.SECONDS);
  }

  private static void assertEachAppliedOnce(String name, List<UUID> written) {
    for (UUID id : written) {
      assertEquals(1, count(name, id), "event " + id + " applied exactly once");
    }
  }

  private static LogConsumer consumer(String name, LogConsumer.Handler handler) {
    return new LogConsumer(vertx, sink, bus, name, SOURCE, handler, 200, 100, 3);
  }

  /** Records every application, skipping stale versions as a real consumer would. */
  private static LogConsumer.Handler recorder(String name) {
    return (SqlConnection tx, LoggedEvent logged) -> {
      TestEvent event = (TestEvent) logged.event();
      return AggregateVersions.advance(tx, name, SOURCE, event.aggregateId(), event.version()).compose(newer -> !newer
        ? Future.succeededFuture()
        : tx.preparedQuery("INSERT INTO applied (consumer, event_id, thing, version, position) VALUES ($1, $2, $3, $4, $5)")
          .execute(Tuple.of(name, event.eventId(), event.thing(), event.version(), logged.position())));
    };
  }

  private static void start(LogConsumer consumer) throws Exception {
    Promise<Void> started = Promise.promise();
    vertx.runOnContext(v -> consumer.start().onComplete(started));
    started.future().await(10, TimeUnit.SECONDS);
  }

  private static void stop(LogConsumer consumer) throws Exception {
    consumer.stop().await(10, TimeUnit.SECONDS);
  }

  private static List<UUID> createThings(int n) throws Exception {
    var ids = new ArrayList<UUID>();
    var batch = new ArrayList<Tuple>();
    for (int i = 0; i < n; i++) {
      UUID id = Ids.newId();
      ids.add(id);
      batch.add(Tuple.of(id));
    }
    source.preparedQuery("INSERT INTO thing (id, version) VALUES ($1, 0)").executeBatch(batch).await(10, TimeUnit.SECONDS);
    return ids;
  }

  /**
   * {@code count} transactions over {@code things} from 32 concurrent writers; every 40th holds its
   * transaction open for 100 ms after its insert while the other writers commit theirs.
   */
  private static List<UUID> writeConcurrently(List<UUID> things, int count) throws Exception {
    int writers = 32;
    var chains = new ArrayList<Future<List<UUID>>>();
    for (int w = 0; w < writers; w++) {
      Future<List<UUID>> chain = Future.succeededFuture(new ArrayList<>());
      for (int i = w; i < count; i += writers) {
        int n = i;
        chain = chain.compose(ids -> writeAsync(things.get(n % things.size()), "n" + n, n % 40 == 0 ? 100 : 0)
          .map(id -> {
            ids.add(id);
            return ids;
          }));
      }
      chains.add(chain);
    }
    var all = new ArrayList<UUID>(count);
    for (Future<List<UUID>> chain : chains) {
      all.addAll(chain.await(120, TimeUnit.SECONDS));
    }
    return all;
  }

  private static UUID write(UUID thing, String note, long holdMillis) throws Exception {
    return writeAsync(thing, note, holdMillis).await(30, TimeUnit.SECONDS);
  }

  /** One transaction: bump the thing's version under its row lock, append the event, optionally hold, commit. */
  private static Future<UUID> writeAsync(UUID thing, String note, long holdMillis) {
    return source.withTransaction(tx -> tx.preparedQuery("UPDATE thing SET version = version + 1 WHERE id = $1 RETURNING version")
      .execute(Tuple.of(thing))
      .compose(rows -> {
        var event = new TestEvent(Ids.newId(), Instant.now(), thing, rows.iterator().next().getLong(0), note);
        return Outbox.append(tx, event, Caller.SYSTEM).map(event.eventId());
      })
      .compose(id -> holdMillis == 0 ? Future.succeededFuture(id)
        : tx.query("SELECT pg_sleep(" + holdMillis / 1000.0 + ")").execute().map(id)));
  }

  /** The log's head once every committed event is in the log. */
  private static long head() {
    Eventually.until("every committed event in the log", Duration.ofSeconds(30),
      () -> scalar(source, "SELECT count(*) FROM outbox WHERE position IS NULL") == 0);
    return scalar(source, "SELECT position FROM outbox_head");
  }

  private static long checkpoint(String name) {
    return scalar(sink, "SELECT coalesce((SELECT position FROM event_checkpoint WHERE consumer = '" + name + "'), -1)");
  }

  private static long count(String name, UUID eventId) {
    return scalar(sink, "SELECT count(*) FROM applied WHERE consumer = '" + name + "' AND event_id = '" + eventId + "'");
  }

  private static long positionOf(UUID eventId) {
    return scalar(source, "SELECT position FROM outbox WHERE event_id = '" + eventId + "'");
  }

  private static LogStatus status() {
    try {
      return bus.request(LogApi.status(SOURCE), new GetLogStatus(SOURCE), Caller.SYSTEM).await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long scalar(Pool pool, String sql) {
    try {
      return pool.query(sql).execute().await(10, TimeUnit.SECONDS).iterator().next().getLong(0);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
