package io.kinetic.server;

import static io.kinetic.server.CheckoutEndToEndTest.GERMANY_STANDARD;
import static io.kinetic.server.CheckoutEndToEndTest.order;
import static io.kinetic.server.CheckoutEndToEndTest.place;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.kinetic.kernel.embedded.EmbeddedServices;
import io.kinetic.kernel.pg.PgPools;
import io.kinetic.kernel.testing.Eventually;
import io.kinetic.kernel.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connection of an order's creation (placement step 3) is lost while its PostgreSQL backend lives
 * on (a network reset, a proxy or a balancer failing over: not a crash, where the backend dies with
 * its transaction) and commits a moment later. The engine must not decide "no order" before that
 * backend is done: had it released the order's stock, the order would exist without its stock, and
 * the unit could be sold twice.
 *
 * <p>The engine reaches PostgreSQL through a TCP proxy of this test, which can cut the engine's side
 * of a connection (or of every one) while keeping PostgreSQL's side open. The order's creation is held up by a row
 * this test inserts under the order's id and keeps uncommitted; the cut comes while it waits, the
 * engine settles the failed step, and only then is the test's row rolled back, so the creation
 * commits behind the engine's back.
 */
class PlacementConnectionLostTest {

  private static final String ADMIN = "lost-connection-admin@example.com";
  private static final String PASSWORD = "lost-connection-admin-password";
  private static Vertx vertx;
  private static EmbeddedServices redis;
  private static Proxy proxy;
  private static String directUrl;
  private static Engine engine;
  private static WebClient http;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    directUrl = TestServices.get().newDatabase("lost");
    URI direct = URI.create(directUrl);
    proxy = new Proxy(vertx, direct.getHost(), direct.getPort());
    String proxied = directUrl.replace(direct.getHost() + ":" + direct.getPort(), "127.0.0.1:" + proxy.port);
    redis = new EmbeddedServices(); // a Redis of its own: the shared one's spare databases are few
    engine = Engine.start(EngineEnv.extra(ADMIN, PASSWORD, proxied, redis.startRedis(0)));
    http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (engine != null) {
      engine.stop();
    }
    vertx.close().await(10, TimeUnit.SECONDS);
    if (redis != null) {
      redis.close();
    }
  }

  /** The creation's connection alone is reset: the engine's settlement runs on a sound one at once. */
  @Test
  void anOrderCommittedAfterItsConnectionWasLostKeepsItsStock() throws Exception {
    placeWhileTheCreationLosesItsConnection(false);
  }

  /**
   * Every connection is reset (the pool's idle ones too, which it learns about a moment later): the
   * settlement, whose own first connection may be one of them, is tried again.
   */
  @Test
  void anOrderCommittedAfterEveryConnectionWasLostKeepsItsStock() throws Exception {
    placeWhileTheCreationLosesItsConnection(true);
  }

  private static void placeWhileTheCreationLosesItsConnection(boolean everyConnection) throws Exception {
    Shop shop = new Shop(http, ADMIN, PASSWORD);
    var product = shop.product("PUBLISHED", 1);
    String variant = Shop.variantId(product, 0);
    var added = shop.add(null, variant, 1);
    assertEquals(201, added.statusCode(), added.bodyAsString());
    String token = added.getHeader("X-Cart-Token");
    String key = UUID.randomUUID().toString();
    UUID orderId = UUID.nameUUIDFromBytes(("order|guest:" + sha256(token) + "|" + key).getBytes(StandardCharsets.UTF_8));

    var jdbc = PgPools.jdbc(directUrl);
    try (Connection blocker = DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password());
         Connection look = DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password())) {
      // an uncommitted order row under the order's id: the creation's insert waits for it, after
      // it took the placement's row
      blocker.setAutoCommit(false);
      try (var hold = blocker.prepareStatement("""
          INSERT INTO checkout.orders (id, number, state, email, currency, total, item_count, doc, placement_key, payment_due_at, version)
          VALUES (?, 'HOLD-' || gen_random_uuid(), 'placed', 'hold@example.com', 'EUR', 0, 0, '{}', 'hold-' || gen_random_uuid(), now(), 1)""")) {
        hold.setObject(1, orderId);
        hold.executeUpdate();
      }
      CompletableFuture<HttpResponse<Buffer>> answer = CompletableFuture.supplyAsync(() -> {
        try {
          return place(http, token, key, order("lost@example.com", "DE", GERMANY_STANDARD));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      Eventually.until("the order's creation waits for the test's row", Duration.ofSeconds(60),
        () -> waiting(look, "INSERT INTO orders") == 1);

      // the engine's side of the connection goes (or of every one); PostgreSQL's side stays, its backend lives on
      if (everyConnection) {
        proxy.cut(port -> true);
      } else {
        int creation = (int) count(look, "SELECT client_port FROM pg_stat_activity WHERE datname = current_database() "
          + "AND wait_event_type = 'Lock' AND position('INSERT INTO orders' in query) > 0");
        proxy.cut(port -> port == creation);
      }
      // the engine settles the failed step: it waits for the placement's row, which the creation holds
      // (the creation itself, waiting, names the row too)
      Eventually.until("the engine settling the failed placement", Duration.ofSeconds(60),
        () -> waiting(look, "placement") == 2);
      // and the creation commits behind the engine's back
      blocker.rollback();

      HttpResponse<Buffer> placed = answer.get(60, TimeUnit.SECONDS);
      // the order was made, and holds its unit: the unit is not for sale again
      assertEquals(1, count(look, "SELECT count(*) FROM checkout.orders WHERE id = '" + orderId + "'"));
      assertEquals(1, count(look, "SELECT coalesce(sum(quantity), 0) FROM catalog.stock_allocation WHERE order_id = '"
        + orderId + "' AND released_at IS NULL"), "the order's allocation");
      assertEquals(0, count(look, "SELECT stock_on_hand FROM catalog.variant WHERE id = '" + variant + "'"), "stock on hand");
      assertEquals(0, count(look, "SELECT count(*) FROM checkout.placement WHERE order_id = '" + orderId + "'"));
      assertEquals(201, placed.statusCode(), "the order made after all is the answer: " + placed.bodyAsString());
      var order = placed.bodyAsJsonObject().getJsonObject("order");
      assertEquals(orderId.toString(), order.getString("id"));
      assertEquals("placed", order.getString("state"));
      assertNotNull(order.getString("number"));

      var other = shop.add(null, variant, 1);
      assertEquals(409, other.statusCode(), "the unit is the order's: " + other.bodyAsString());

      // and the shopper pays it as usual
      var paid = http.post("/api/v1/orders/" + orderId + "/payment/test-card")
        .putHeader("X-Order-Token", placed.bodyAsJsonObject().getString("accessToken"))
        .sendJsonObject(new JsonObject().put("card", "4242424242424242")).await(20, TimeUnit.SECONDS);
      assertEquals(200, paid.statusCode(), paid.bodyAsString());
      Eventually.until("the order paid", Duration.ofSeconds(30),
        () -> count(look, "SELECT count(*) FROM checkout.orders WHERE id = '" + orderId + "' AND state = 'paid'") == 1);
    } finally {
      proxy.closeCut();
    }
  }

  /** Backends of this database waiting for a lock while running a statement that contains {@code text}. */
  private static long waiting(Connection look, String text) throws Exception {
    try (var query = look.prepareStatement("""
        SELECT count(*) FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock' AND state = 'active' AND position(? in query) > 0
          AND pid <> pg_backend_pid()""")) {
      query.setString(1, text);
      try (var rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static long count(Connection look, String sql) throws Exception {
    try (var rows = look.createStatement().executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * A TCP proxy to PostgreSQL whose {@link #cut} closes the engine's side of connections open at that
   * moment and keeps PostgreSQL's side open (what the backend sends is dropped), as a network
   * reset seen by the client only would. Connections made after the cut pass as usual.
   */
  private static final class Proxy {
    private final List<NetSocket[]> pairs = new CopyOnWriteArrayList<>();
    private final List<NetSocket> cut = new CopyOnWriteArrayList<>();
    private final int port;

    Proxy(Vertx vertx, String host, int targetPort) throws Exception {
      NetClient client = vertx.createNetClient();
      NetServer server = vertx.createNetServer().connectHandler(front -> {
        front.pause();
        client.connect(targetPort, host).onSuccess(back -> {
          NetSocket[] pair = {front, back};
          pairs.add(pair);
          front.handler(back::write);
          back.handler(data -> {
            if (!cut.contains(back)) {
              front.write(data);
            }
          });
          front.closeHandler(v -> {
            if (!cut.contains(back)) {
              back.close();
            }
            pairs.remove(pair);
          });
          back.closeHandler(v -> front.close());
          front.resume();
        }).onFailure(e -> front.close());
      });
      port = server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS).actualPort();
    }

    /** Cuts the connections whose port towards PostgreSQL (the backend's {@code client_port}) passes {@code which}. */
    void cut(IntPredicate which) {
      for (NetSocket[] pair : pairs) {
        if (which.test(pair[1].localAddress().port())) {
          cut.add(pair[1]);
          pair[0].close();
        }
      }
    }

    void closeCut() {
      cut.forEach(NetSocket::close);
    }
  }
}
