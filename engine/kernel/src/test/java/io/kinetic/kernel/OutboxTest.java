package io.kinetic.kernel;

import io.kinetic.kernel.contract.catalog.CatalogApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.log.LogApi;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.bus.Headers;
import io.kinetic.kernel.contract.Contracts;
import io.kinetic.kernel.contract.log.LogAppended;
import io.kinetic.kernel.id.Ids;
import io.kinetic.kernel.outbox.EventTypes;
import io.kinetic.kernel.outbox.Inbox;
import io.kinetic.kernel.outbox.Outbox;
import io.kinetic.kernel.outbox.OutboxRelay;
import io.kinetic.kernel.pg.Migrations;
import io.kinetic.kernel.pg.PgPools;
import io.kinetic.kernel.testing.TestEvent;
import io.kinetic.kernel.testing.TestServices;
import io.kinetic.kernel.testing.Eventually;
import io.kinetic.kernel.bus.RecordCodec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbox through a real PostgreSQL: a committed event enters the log once, with a position
 * that follows commit order; a rolled-back one never; the bus publication is the wake-up.
 */
class OutboxTest {

  private static final String SCHEMA = "kernel_outbox_test";
  private static Vertx vertx;
  private static Pool pool;
  private static OutboxRelay relay;
  private static final List<TestEvent> received = new CopyOnWriteArrayList<>();
  private static final List<String> positionHeaders = new CopyOnWriteArrayList<>();
  private static final List<LogAppended> wakeUps = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
    Contracts.register(vertx, CatalogApi.CONTRACT);
    EventTypes.register(TestEvent.class);
    vertx.eventBus().registerDefaultCodec(TestEvent.class, new RecordCodec<>(TestEvent.class));
    String url = TestServices.get().pgUrl();
    Migrations.migrateBlocking(url, SCHEMA);
    pool = PgPools.create(vertx, url, 4, SCHEMA);
    relay = new OutboxRelay(vertx, pool, SCHEMA, 50, 100_000);
    vertx.eventBus().<TestEvent>consumer(EventTypes.address("kerneltest.thing-changed"), msg -> {
      received.add(msg.body());
      positionHeaders.add(msg.headers().get(Headers.POSITION) + "/" + msg.headers().get(Headers.EVENT_ID));
    });
    vertx.eventBus().<LogAppended>consumer(LogApi.appended(SCHEMA), msg -> wakeUps.add(msg.body()));
  }

  @AfterAll
  static void tearDown() {
    vertx.close();
  }

  @Test
  void manyEventsAppendedAtOnceEnterTheLogInTheirOrderAndOnlyWithTheirCommit() throws Exception {
    var events = java.util.stream.IntStream.range(0, 20).mapToObj(i -> event("batch-" + i)).toList();
    pool.withTransaction(tx -> Outbox.appendAll(tx, events, Caller.of("cid-batch"))).await(5, TimeUnit.SECONDS);
    // until the relay finds nothing more (rows another test left unrelayed take places in a pass)
    while (relay.relayOnce().await(5, TimeUnit.SECONDS) > 0) {
      Thread.onSpinWait();
    }
    long previous = 0;
    for (TestEvent e : events) {
      Row row = row(e.eventId());
      assertTrue(row.getLong("position") > previous, "in the order appended: " + e.note());
      assertEquals("cid-batch", row.getString("correlation"));
      previous = row.getLong("position");
    }
    Eventually.until("all of them on the bus", Duration.ofSeconds(5), () -> events.stream().allMatch(e -> seen(e.eventId())));

    var rolledBack = List.of(event("batch-rolled-back-1"), event("batch-rolled-back-2"));
    var failed = pool.withTransaction(tx -> Outbox.appendAll(tx, rolledBack, Caller.SYSTEM)
      .compose(v -> Future.failedFuture("the change failed after its events were appended")));
    assertThrows(Exception.class, () -> failed.await(5, TimeUnit.SECONDS));
    assertNull(row(rolledBack.get(0).eventId()));
    assertNull(row(rolledBack.get(1).eventId()));
    pool.withTransaction(tx -> Outbox.appendAll(tx, List.of(), Caller.SYSTEM)).await(5, TimeUnit.SECONDS);
  }

  @Test
  void aCommittedEventEntersTheLogOnceAndIsPublished() throws Exception {
    var event = event("commit");
    pool.withTransaction(tx -> Outbox.append(tx, event, "cid-7")).await(5, TimeUnit.SECONDS);
    relay.relayOnce().await(5, TimeUnit.SECONDS);
    relay.relayOnce().await(5, TimeUnit.SECONDS);
    Eventually.until("the event on the bus", Duration.ofSeconds(5), () -> seen(event.eventId()));
    Row row = row(event.eventId());
    long position = row.getLong("position");
    assertTrue(position > 0);
    assertEquals(event.thing().toString(), row.getString("aggregate_id"));
    assertEquals(3L, row.getLong("aggregate_version"));
    assertEquals("cid-7", row.getString("correlation"));
    assertTrue(positionHeaders.contains(position + "/" + event.eventId()), "published with its position");
    Eventually.until("a wake-up at the new head", Duration.ofSeconds(5), () -> wakeUps.stream().anyMatch(w -> w.head() >= position));
    assertEquals(1, received.stream().filter(e -> e.eventId().equals(event.eventId())).count(), "published once");
  }

  @Test
  void aRolledBackChangeNeverEntersTheLog() throws Exception {
    var event = event("rollback");
    Future<Void> tx = pool.withTransaction(conn -> Outbox.append(conn, event, Caller.SYSTEM)
      .compose(v -> Future.failedFuture(new IllegalStateException("the change fails"))));
    tx.otherwiseEmpty().await(5, TimeUnit.SECONDS);
    assertTrue(tx.failed());
    relay.relayOnce().await(5, TimeUnit.SECONDS);
    assertNull(row(event.eventId()));
  }

  @Test
  void positionsFollowCommitOrderNotInsertOrder() throws Exception {
    var early = event("inserted first, committed last");
    var late = event("inserted last, committed first");
    Promise<Void> release = Promise.promise();
    Promise<Void> inserted = Promise.promise();
    Future<Void> held = pool.withTransaction(conn -> Outbox.append(conn, early, Caller.SYSTEM)
      .onSuccess(v -> inserted.complete())
      .compose(v -> release.future()));
    inserted.future().await(5, TimeUnit.SECONDS);
    pool.withTransaction(conn -> Outbox.append(conn, late, Caller.SYSTEM)).await(5, TimeUnit.SECONDS);
    relay.relayOnce().await(5, TimeUnit.SECONDS);
    assertNull(row(early.eventId()), "invisible before it commits");
    assertNotNull(row(late.eventId()).getValue("position"), "the committed one is logged");
    vertx.runOnContext(v -> release.complete());
    held.await(5, TimeUnit.SECONDS);
    relay.relayOnce().await(5, TimeUnit.SECONDS);
    long seqEarly = row(early.eventId()).getLong("seq");
    long seqLate = row(late.eventId()).getLong("seq");
    assertTrue(seqEarly < seqLate, "inserted in this order");
    assertTrue(row(early.eventId()).getLong("position") > row(late.eventId()).getLong("position"),
      "the later commit comes later in the log");
  }

  @Test
  void anEventOfAnUnknownTypeEntersTheLogWithoutBlockingTheOthers() throws Exception {
    UUID unknown = Ids.newId();
    sql("INSERT INTO outbox (event_id, event_type, address, payload) VALUES ($1, 'other.unknown-happened', 'x', '{}'::jsonb)",
      unknown);
    var good = event("after an unknown one");
    pool.withTransaction(tx -> Outbox.append(tx, good, Caller.SYSTEM)).await(5, TimeUnit.SECONDS);
    relay.relayOnce().await(5, TimeUnit.SECONDS);
    Eventually.until("the good event on the bus", Duration.ofSeconds(5), () -> seen(good.eventId()));
    assertNotNull(row(unknown).getValue("position"), "logged: consumers that know the type can read it");
  }

  @Test
  void aRelayThatCannotReachTheDatabaseWarnsOnceNotOnEveryPoll() throws Exception {
    var warnings = new CopyOnWriteArrayList<LogRecord>();
    Handler handler = capture(warnings);
    Logger logger = Logger.getLogger(OutboxRelay.class.getName());
    logger.addHandler(handler);
    Pool unreachable = PgPools.create(vertx, "postgresql://postgres@127.0.0.1:1/none", 1, "kernel_relay_down");
    var down = new OutboxRelay(vertx, unreachable, "kernel_relay_down", 50, 20);
    var passes = new java.util.concurrent.atomic.AtomicInteger();
    Handler counter = new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getMessage() != null && record.getMessage().startsWith("kernel_relay_down")) {
          passes.incrementAndGet();
        }
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    logger.addHandler(counter);
    Level previous = logger.getLevel();
    logger.setLevel(Level.FINE);
    try {
      vertx.runOnContext(v -> down.start());
      Eventually.until("several failed passes", Duration.ofSeconds(10), () -> passes.get() >= 5);
    } finally {
      vertx.runOnContext(v -> down.stop());
      logger.removeHandler(handler);
      logger.removeHandler(counter);
      logger.setLevel(previous);
      unreachable.close();
    }
    assertEquals(1, warnings.size(), () -> "warnings: " + warnings.stream().map(LogRecord::getMessage).toList());
  }

  @Test
  void aStoppedRelayLogsNothingMore() throws Exception {
    var stopped = new OutboxRelay(vertx, pool, SCHEMA, 50, 20);
    Promise<Void> done = Promise.promise();
    vertx.runOnContext(v -> {
      stopped.start();
      stopped.stop();
      done.complete();
    });
    done.future().await(5, TimeUnit.SECONDS);
    var event = event("after stop");
    pool.withTransaction(tx -> Outbox.append(tx, event, Caller.SYSTEM)).await(5, TimeUnit.SECONDS);
    stopped.poke();
    OutboxRelay.poke(vertx, SCHEMA);
    // a running relay would log it within milliseconds; nothing runs, so a round trip later it is still out of the log
    pool.query("SELECT pg_sleep(0.2)").execute().await(5, TimeUnit.SECONDS);
    assertNull(row(event.eventId()).getValue("position"));
    relay.relayOnce().await(5, TimeUnit.SECONDS);
  }

  @Test
  void inboxRecognisesARedeliveredEvent() throws Exception {
    UUID eventId = Ids.newId();
    boolean first = pool.withTransaction(tx -> Inbox.firstTime(tx, "search-indexer", eventId)).await(5, TimeUnit.SECONDS);
    boolean second = pool.withTransaction(tx -> Inbox.firstTime(tx, "search-indexer", eventId)).await(5, TimeUnit.SECONDS);
    boolean otherConsumer = pool.withTransaction(tx -> Inbox.firstTime(tx, "mailer", eventId)).await(5, TimeUnit.SECONDS);
    assertTrue(first);
    assertFalse(second);
    assertTrue(otherConsumer);
  }

  private static TestEvent event(String note) {
    return new TestEvent(Ids.newId(), Instant.now(), Ids.newId(), 3, note);
  }

  private static boolean seen(UUID eventId) {
    return received.stream().anyMatch(e -> e.eventId().equals(eventId));
  }

  private static Row row(UUID eventId) throws Exception {
    var rows = pool.preparedQuery("SELECT * FROM outbox WHERE event_id = $1").execute(Tuple.of(eventId))
      .await(5, TimeUnit.SECONDS);
    return rows.size() == 0 ? null : rows.iterator().next();
  }

  private static void sql(String sql, Object param) throws Exception {
    pool.preparedQuery(sql).execute(Tuple.of(param)).await(5, TimeUnit.SECONDS);
  }

  private static Handler capture(List<LogRecord> into) {
    return new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue() && record.getMessage().startsWith("kernel_relay_down")) {
          into.add(record);
        }
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
  }
}
