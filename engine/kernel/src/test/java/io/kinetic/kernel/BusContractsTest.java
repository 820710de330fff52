package io.kinetic.kernel;

import io.kinetic.kernel.contract.catalog.CatalogApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Headers;
import io.kinetic.kernel.bus.RecordCodec;
import io.kinetic.kernel.contract.Contracts;
import io.kinetic.kernel.contract.catalog.GetProduct;
import io.kinetic.kernel.contract.catalog.PriceChanged;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.error.FieldError;
import io.kinetic.kernel.id.Ids;
import io.kinetic.kernel.money.Money;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BusContractsTest {

  private static Vertx vertx;

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
    Contracts.register(vertx, CatalogApi.CONTRACT);
    Contracts.register(vertx, CatalogApi.CONTRACT);
  }

  @AfterAll
  static void tearDown() {
    vertx.close();
  }

  @Test
  void recordsTravelAsTheSameInstanceLocally() throws Exception {
    var received = new AtomicReference<Object>();
    vertx.eventBus().consumer("test.same-instance", msg -> {
      received.set(msg.body());
      msg.reply(msg.body());
    });
    var query = new GetProduct(Ids.newId(), "en", false);
    Object reply = new BusClient(vertx, 2000).request("test.same-instance", query, "cid-1").await(5, TimeUnit.SECONDS);
    assertSame(query, received.get());
    assertSame(query, reply);
  }

  @Test
  void recordsSurviveTheWireFormat() {
    var codec = new RecordCodec<>(PriceChanged.class);
    var event = new PriceChanged(UUID.randomUUID(), Instant.parse("2026-11-21T10:00:00Z"), UUID.randomUUID(),
      UUID.randomUUID(), "SKU-1", Money.of(1999, "EUR"), 7);
    Buffer wire = Buffer.buffer().appendString("prefix");
    codec.encodeToWire(wire, event);
    assertEquals(event, codec.decodeFromWire(6, wire));
  }

  @Test
  void aRateLimitKeepsItsRetryAfterAcrossTheBus() throws Exception {
    vertx.eventBus().consumer("test.rate-limited", msg -> Failure.rateLimited("slow down", 42).replyTo(msg));
    var failure = assertThrows(Failure.class,
      () -> new BusClient(vertx, 2000).request("test.rate-limited", "x", null).await(5, TimeUnit.SECONDS));
    assertEquals(ErrorCode.RATE_LIMITED, failure.errorCode());
    assertEquals("slow down", failure.detail());
    assertEquals(42, failure.retryAfterSeconds());
  }

  /**
   * A database that cannot take a statement for now (here: a role out of connections, SQLSTATE
   * 53300, as a server at max_connections answers) is a 503 with a retry after 2 s, not an
   * internal error, also across the bus.
   */
  @Test
  void aDatabaseOutOfConnectionsIsUnavailableForAMomentNotAnInternalError() throws Exception {
    String url = io.kinetic.kernel.testing.TestServices.get().pgUrl();
    var jdbc = io.kinetic.kernel.pg.PgPools.jdbc(url);
    try (var connection = java.sql.DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password());
         var statement = connection.createStatement()) {
      statement.execute("DO $$ BEGIN CREATE ROLE kinetic_no_connections LOGIN CONNECTION LIMIT 0; "
        + "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
    }
    var connect = io.vertx.pgclient.PgConnectOptions.fromUri(url);
    var pool = io.kinetic.kernel.pg.PgPools.create(vertx, io.kinetic.kernel.pg.PgPools.url(connect.getHost(), connect.getPort(),
      connect.getDatabase(), "kinetic_no_connections", null), 1, "public");
    try {
      vertx.eventBus().consumer("test.database-full", msg -> pool.query("SELECT 1").execute()
        .onComplete(ar -> Failure.from(ar.failed() ? ar.cause() : new IllegalStateException("connected")).replyTo(msg)));
      var failure = assertThrows(Failure.class,
        () -> new BusClient(vertx, 5000).request("test.database-full", "x", null).await(10, TimeUnit.SECONDS));
      assertEquals(ErrorCode.SERVICE_UNAVAILABLE, failure.errorCode(), failure.detail());
      assertEquals(2, failure.retryAfterSeconds());
      assertEquals(ErrorCode.INTERNAL, Failure.from(new IllegalStateException("a defect")).errorCode());
    } finally {
      pool.close();
    }
  }

  /**
   * A connection lost with a statement in flight (here the server ends the backend, as a crash or
   * restart of the database would) is a 503 saying the outcome is unknown, not an internal error.
   */
  @Test
  void aConnectionLostMidStatementIsUnavailableNotAnInternalError() throws Exception {
    String url = io.kinetic.kernel.testing.TestServices.get().pgUrl();
    var pool = io.kinetic.kernel.pg.PgPools.create(vertx, url, 2, "public");
    try {
      var connection = pool.getConnection().await(10, TimeUnit.SECONDS);
      int pid = connection.query("SELECT pg_backend_pid()").execute().await(10, TimeUnit.SECONDS).iterator().next().getInteger(0);
      var sleeping = connection.query("SELECT pg_sleep(30)").execute();
      io.kinetic.kernel.testing.Eventually.until("the statement running", () -> pool.preparedQuery(
          "SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND state = 'active'").execute(io.vertx.sqlclient.Tuple.of(pid))
        .await(10, TimeUnit.SECONDS).iterator().next().getLong(0) == 1);
      pool.preparedQuery("SELECT pg_terminate_backend($1)").execute(io.vertx.sqlclient.Tuple.of(pid)).await(10, TimeUnit.SECONDS);
      Throwable cause = sleeping.transform(ar -> io.vertx.core.Future.succeededFuture(ar.cause())).await(10, TimeUnit.SECONDS);
      Failure failure = Failure.from(cause);
      assertEquals(ErrorCode.SERVICE_UNAVAILABLE, failure.errorCode(), cause.toString());
      assertTrue(failure.detail().contains("may or may not have taken effect"), failure.detail());
    } finally {
      pool.close();
    }
    // Redis's connection ending under its commands, as the client library reports it
    assertEquals(ErrorCode.SERVICE_UNAVAILABLE,
      Failure.from(io.vertx.redis.client.impl.types.ErrorType.create("CONNECTION_CLOSED")).errorCode());
    assertEquals(ErrorCode.SERVICE_UNAVAILABLE, Failure.from(new io.vertx.core.VertxException("Connection is closed", true)).errorCode());
  }

  @Test
  void failuresKeepCodeDetailAndFieldErrorsAcrossTheBus() throws Exception {
    vertx.eventBus().consumer("test.fails", msg ->
      Failure.invalid(List.of(new FieldError("variants[0].sku", "must not be blank"), new FieldError("slug", "taken")))
        .replyTo(msg));
    var failure = assertThrows(Failure.class,
      () -> new BusClient(vertx, 2000).request("test.fails", "x", null).await(5, TimeUnit.SECONDS));
    assertEquals(ErrorCode.VALIDATION_FAILED, failure.errorCode());
    assertEquals(2, failure.errors().size());
    assertEquals("variants[0].sku", failure.errors().get(0).field());
  }

  @Test
  void timeoutsAndMissingHandlersHaveTheirOwnCodes() {
    vertx.eventBus().consumer("test.silent", msg -> { });
    var timeout = assertThrows(Failure.class,
      () -> new BusClient(vertx, 200).request("test.silent", "x", null).await(5, TimeUnit.SECONDS));
    assertEquals(ErrorCode.BUS_TIMEOUT, timeout.errorCode());
    assertEquals(504, timeout.errorCode().httpStatus());
    var nobody = assertThrows(Failure.class,
      () -> new BusClient(vertx, 200).request("test.nobody-listens", "x", null).await(5, TimeUnit.SECONDS));
    assertEquals(ErrorCode.SERVICE_UNAVAILABLE, nobody.errorCode());
    assertEquals(503, nobody.errorCode().httpStatus());
  }

  @Test
  void correlationIdTravelsAsAHeader() throws Exception {
    var seen = new AtomicReference<String>();
    vertx.eventBus().consumer("test.cid", msg -> {
      seen.set(msg.headers().get(Headers.CORRELATION_ID));
      msg.reply("ok");
    });
    new BusClient(vertx, 2000).request("test.cid", "x", "abc-123").await(5, TimeUnit.SECONDS);
    assertEquals("abc-123", seen.get());
  }
}
