package io.kinetic.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.Contracts;
import io.kinetic.kernel.contract.catalog.StockChanged;
import io.kinetic.kernel.id.Ids;
import io.kinetic.kernel.outbox.Outbox;
import io.kinetic.kernel.outbox.OutboxRelay;
import io.kinetic.kernel.pg.Migrations;
import io.kinetic.kernel.pg.PgPools;
import io.kinetic.kernel.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
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

/** The relay's housekeeping: failing rows back off, failures do not flood the log, delivered rows are purged. */
class OutboxRelayTest {

  private static final String SCHEMA = "kernel_relay_test";
  private static Vertx vertx;
  private static Pool pool;

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
    Contracts.register(vertx);
    String url = TestServices.get().pgUrl();
    Migrations.migrateBlocking(url, SCHEMA);
    pool = PgPools.create(vertx, url, 4, SCHEMA);
  }

  @AfterAll
  static void tearDown() {
    vertx.close();
  }

  @Test
  void aPoisonRowBacksOffInsteadOfBeingRetriedOnEveryPass() throws Exception {
    var relay = new OutboxRelay(vertx, pool, 50, 100_000);
    UUID bad = poison();
    relay.relayOnce().await(5, TimeUnit.SECONDS);
    relay.relayOnce().await(5, TimeUnit.SECONDS);
    relay.relayOnce().await(5, TimeUnit.SECONDS);
    Row row = row(bad);
    assertEquals(1, row.getInteger("attempts"), "not retried before its backoff elapsed");
    assertNull(row.getValue("delivered_at"));

    sql("UPDATE outbox SET next_attempt_at = now() - interval '1 second' WHERE event_id = $1", bad);
    var before = pool.query("SELECT clock_timestamp() AS t").execute().await(5, TimeUnit.SECONDS).iterator().next()
      .getOffsetDateTime("t");
    relay.relayOnce().await(5, TimeUnit.SECONDS);
    assertEquals(2, row(bad).getInteger("attempts"), "retried once due");
    Row wait = pool.preparedQuery("""
        SELECT next_attempt_at >= $2::timestamptz + interval '2 seconds' AS at_least,
               next_attempt_at <= clock_timestamp() + interval '2 seconds' AS at_most
        FROM outbox WHERE event_id = $1""").execute(Tuple.of(bad, before)).await(5, TimeUnit.SECONDS).iterator().next();
    assertTrue(wait.getBoolean("at_least") && wait.getBoolean("at_most"), "the second attempt waits 2 seconds");
    sql("DELETE FROM outbox WHERE event_id = $1", bad);
  }

  @Test
  void aRelayThatCannotReachTheDatabaseWarnsOnceNotOnEveryPoll() throws Exception {
    var warnings = new CopyOnWriteArrayList<LogRecord>();
    Handler handler = capture(warnings);
    Logger logger = Logger.getLogger(OutboxRelay.class.getName());
    logger.addHandler(handler);
    Pool unreachable = PgPools.create(vertx, "postgresql://postgres@127.0.0.1:1/none", 1, "kernel_relay_down");
    var relay = new OutboxRelay(vertx, unreachable, 50, 20);
    try {
      vertx.runOnContext(v -> relay.start());
      Thread.sleep(600);
    } finally {
      vertx.runOnContext(v -> relay.stop());
      logger.removeHandler(handler);
      unreachable.close();
    }
    assertEquals(1, warnings.size(), () -> "warnings: " + warnings.stream().map(LogRecord::getMessage).toList());
  }

  @Test
  void deliveredRowsOlderThanTheRetentionArePurged() throws Exception {
    var relay = new OutboxRelay(vertx, pool, 50, 100_000);
    UUID old = append();
    UUID recent = append();
    UUID pendingOld = poison();
    relay.relayOnce().await(5, TimeUnit.SECONDS);
    sql("UPDATE outbox SET delivered_at = now() - interval '8 days' WHERE event_id = $1", old);
    sql("UPDATE outbox SET delivered_at = now() - interval '6 days' WHERE event_id = $1", recent);
    sql("UPDATE outbox SET created_at = now() - interval '30 days' WHERE event_id = $1", pendingOld);

    int purged = relay.purgeDelivered(7).await(5, TimeUnit.SECONDS);

    assertTrue(purged >= 1);
    assertNull(row(old), "delivered 8 days ago: purged");
    assertTrue(row(recent) != null, "delivered 6 days ago: kept");
    assertTrue(row(pendingOld) != null, "never delivered: kept whatever its age");
    sql("DELETE FROM outbox WHERE event_id = ANY($1)", new UUID[] {recent, pendingOld});
  }

  @Test
  void aStoppedRelayPublishesNothingMore() throws Exception {
    var relay = new OutboxRelay(vertx, pool, 50, 20);
    vertx.runOnContext(v -> {
      relay.start();
      relay.stop();
    });
    Thread.sleep(100);
    UUID event = append();
    vertx.runOnContext(v -> relay.poke());
    Thread.sleep(300);
    assertNull(row(event).getValue("delivered_at"));
    sql("DELETE FROM outbox WHERE event_id = $1", event);
  }

  private static UUID append() throws Exception {
    var event = new StockChanged(Ids.newId(), Instant.now(), Ids.newId(), Ids.newId(), "SKU-RELAY", 1);
    pool.withTransaction(tx -> Outbox.append(tx, event, null)).await(5, TimeUnit.SECONDS);
    return event.eventId();
  }

  private static UUID poison() throws Exception {
    UUID id = Ids.newId();
    sql("INSERT INTO outbox (event_id, event_type, address, payload) VALUES ($1, 'NoSuchEvent', 'x', '{}'::jsonb)", id);
    return id;
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
        // other test classes' relays log through the same logger meanwhile
        if (record.getLevel().intValue() >= Level.WARNING.intValue() && record.getMessage().startsWith("outbox relay pass")) {
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
