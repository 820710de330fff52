package io.kinetic.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.bus.Addresses;
import io.kinetic.kernel.bus.Headers;
import io.kinetic.kernel.contract.Contracts;
import io.kinetic.kernel.contract.catalog.StockChanged;
import io.kinetic.kernel.id.Ids;
import io.kinetic.kernel.outbox.Inbox;
import io.kinetic.kernel.outbox.Outbox;
import io.kinetic.kernel.outbox.OutboxRelay;
import io.kinetic.kernel.pg.Migrations;
import io.kinetic.kernel.pg.PgPools;
import io.kinetic.kernel.testing.TestServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The outbox through a real PostgreSQL: committed events are delivered once, rolled-back ones never. */
class OutboxTest {

  private static final String SCHEMA = "kernel_outbox_test";
  private static Vertx vertx;
  private static Pool pool;
  private static OutboxRelay relay;
  private static final List<StockChanged> received = new CopyOnWriteArrayList<>();
  private static final List<String> eventIdHeaders = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void setUp() throws Exception {
    vertx = Vertx.vertx();
    Contracts.register(vertx);
    String url = TestServices.get().pgUrl();
    Migrations.migrateBlocking(url, SCHEMA);
    pool = PgPools.create(vertx, url, 4, SCHEMA);
    relay = new OutboxRelay(vertx, pool, 50, 100_000);
    vertx.eventBus().<StockChanged>consumer(Addresses.Catalog.STOCK_CHANGED, msg -> {
      received.add(msg.body());
      eventIdHeaders.add(msg.headers().get(Headers.EVENT_ID));
    });
  }

  @AfterAll
  static void tearDown() {
    vertx.close();
  }

  @Test
  void committedEventIsDeliveredExactlyOnceEvenWhenRelayedAgain() throws Exception {
    var event = stockChanged("SKU-COMMIT");
    pool.withTransaction(tx -> Outbox.append(tx, event, "cid-7")).await(5, TimeUnit.SECONDS);
    relay.relayOnce().await(5, TimeUnit.SECONDS);
    relay.relayOnce().await(5, TimeUnit.SECONDS);
    awaitReceived(event.eventId());
    Thread.sleep(200);
    assertEquals(1, received.stream().filter(e -> e.eventId().equals(event.eventId())).count());
    assertTrue(eventIdHeaders.contains(event.eventId().toString()));
    var delivered = pool.preparedQuery("SELECT delivered_at FROM outbox WHERE event_id = $1")
      .execute(Tuple.of(event.eventId())).await(5, TimeUnit.SECONDS);
    assertTrue(delivered.iterator().next().getValue(0) != null, "the row is marked delivered");
  }

  @Test
  void rolledBackChangePublishesNothing() throws Exception {
    var event = stockChanged("SKU-ROLLBACK");
    try {
      pool.withTransaction(tx -> Outbox.append(tx, event, null)
        .compose(v -> Future.failedFuture(new IllegalStateException("the change fails")))).await(5, TimeUnit.SECONDS);
    } catch (IllegalStateException expected) {
      // the transaction rolled back
    }
    relay.relayOnce().await(5, TimeUnit.SECONDS);
    Thread.sleep(300);
    assertFalse(received.stream().anyMatch(e -> e.eventId().equals(event.eventId())));
    var rows = pool.preparedQuery("SELECT 1 FROM outbox WHERE event_id = $1").execute(Tuple.of(event.eventId()))
      .await(5, TimeUnit.SECONDS);
    assertEquals(0, rows.size());
  }

  @Test
  void anUnpublishableRowIsRetriedWithoutBlockingTheOthers() throws Exception {
    UUID bad = Ids.newId();
    pool.preparedQuery("INSERT INTO outbox (event_id, event_type, address, payload) VALUES ($1, 'NoSuchEvent', 'x', '{}'::jsonb)")
      .execute(Tuple.of(bad)).await(5, TimeUnit.SECONDS);
    var good = stockChanged("SKU-AFTER-BAD");
    pool.withTransaction(tx -> Outbox.append(tx, good, null)).await(5, TimeUnit.SECONDS);
    relay.relayOnce().await(5, TimeUnit.SECONDS);
    awaitReceived(good.eventId());
    var row = pool.preparedQuery("SELECT attempts, last_error, delivered_at FROM outbox WHERE event_id = $1")
      .execute(Tuple.of(bad)).await(5, TimeUnit.SECONDS).iterator().next();
    assertEquals(1, row.getInteger("attempts"));
    assertTrue(row.getString("last_error").contains("NoSuchEvent"));
    assertEquals(null, row.getValue("delivered_at"), "stays pending for the next pass");
    pool.preparedQuery("DELETE FROM outbox WHERE event_id = $1").execute(Tuple.of(bad)).await(5, TimeUnit.SECONDS);
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

  private static StockChanged stockChanged(String sku) {
    return new StockChanged(Ids.newId(), Instant.now(), Ids.newId(), Ids.newId(), sku, 3);
  }

  private static void awaitReceived(UUID eventId) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (received.stream().anyMatch(e -> e.eventId().equals(eventId))) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("event " + eventId + " not delivered");
  }
}
