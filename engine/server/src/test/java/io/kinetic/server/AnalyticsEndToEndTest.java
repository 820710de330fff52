package io.kinetic.server;

import static io.kinetic.server.CartEndToEndTest.assertProblem;
import static io.kinetic.server.CheckoutEndToEndTest.GERMANY_STANDARD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.catalog.seed.SaleableVariants;
import io.kinetic.checkout.seed.OrderHistory;
import io.kinetic.kernel.pg.PgPools;
import io.kinetic.kernel.testing.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sales dashboard on an engine of its own (its own database, so that its figures can be
 * compared with its orders): live orders reach the rollups and the funnel once each; a generated
 * history's rollups equal a direct SQL computation over the checkout's orders, and still do after
 * every event was applied again and duplicated in the log; only admins see the figures; bad ranges
 * and granularities are a clear 400; the top products of a range read before (kept in memory)
 * follow later payments.
 */
class AnalyticsEndToEndTest {

  private static final String ADMIN = "analytics-admin@example.com";
  private static final String PASSWORD = "analytics-admin-password";
  private static final String GRAPHQL = "/admin/graphql";
  private static Engine engine;
  private static Vertx vertx;
  private static WebClient http;
  private static Shop shop;
  private static Pool checkout;
  private static Pool cart;
  private static Pool analytics;
  private static Pool catalog;

  @BeforeAll
  static void start() throws Exception {
    var env = EngineEnv.extra(ADMIN, PASSWORD);
    env.put("COMMERCE_OUTBOX_POLL_MILLIS", "200");
    engine = Engine.start(env);
    vertx = Vertx.vertx();
    http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
    shop = new Shop(http, ADMIN, PASSWORD);
    String url = engine.config().pg().url();
    checkout = PgPools.forTask(vertx, url, 2, "checkout", "test");
    cart = PgPools.forTask(vertx, url, 2, "cart", "test");
    analytics = PgPools.forTask(vertx, url, 2, "analytics", "test");
    catalog = PgPools.forTask(vertx, url, 2, "catalog", "test");
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      vertx.close();
    }
    if (engine != null) {
      engine.stop();
    }
  }

  @Test
  void liveOrdersCountOnceInTheRollupsAndTheFunnel() throws Exception {
    String category = category("live-" + UUID.randomUUID().toString().substring(0, 8));
    JsonObject product = product(category, 1500);
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    caughtUp();
    JsonObject before = dashboard(today, today, "day").bodyAsJsonObject();

    // a guest: cart, two quotes (one checkout start), order, payment
    String guest = shop.add(null, Shop.variantId(product, 0), 2).getHeader("X-Cart-Token");
    for (int i = 0; i < 2; i++) {
      assertEquals(200, Shop.send(Shop.withCart(http.post("/api/v1/checkout/quote"), guest), new JsonObject()).statusCode());
    }
    var placed = CheckoutEndToEndTest.place(http, guest, UUID.randomUUID().toString(),
      CheckoutEndToEndTest.order("live-guest@example.com", "DE", GERMANY_STANDARD));
    assertEquals(201, placed.statusCode(), placed.bodyAsString());
    String orderId = placed.bodyAsJsonObject().getJsonObject("order").getString("id");
    long total = placed.bodyAsJsonObject().getJsonObject("order").getJsonObject("totals").getJsonObject("total").getLong("amount");
    var paid = http.post("/api/v1/orders/" + orderId + "/payment/test-card").putHeader("X-Order-Token", placed.bodyAsJsonObject().getString("accessToken"))
      .sendJsonObject(new JsonObject().put("card", "4242 4242 4242 4242")).await(10, TimeUnit.SECONDS);
    assertEquals(200, paid.statusCode(), paid.bodyAsString());
    // a customer: cart and quote, no order
    String customer = shop.customer();
    shop.addAsCustomer(customer, Shop.variantId(product, 0), 1);
    assertEquals(200, Shop.send(http.post("/api/v1/checkout/quote").bearerTokenAuthentication(customer), new JsonObject()).statusCode());

    JsonObject after = Eventually.value("the paid order is in the figures", Duration.ofSeconds(20),
      () -> dashboard(today, today, "day").bodyAsJsonObject(),
      d -> totals(d).getLong("ordersPaid") == totals(before).getLong("ordersPaid") + 1);
    // a quote's CheckoutStarted is logged after its answer: wait for both carts' starts, then look
    long startsBefore = before.getJsonObject("funnel").getLong("checkoutsStarted");
    Eventually.value("both checkouts' starts are in the funnel", Duration.ofSeconds(20),
      () -> dashboard(today, today, "day").bodyAsJsonObject(),
      d -> d.getJsonObject("funnel").getLong("checkoutsStarted") >= startsBefore + 2);
    caughtUp();
    after = dashboard(today, today, "day").bodyAsJsonObject();
    assertEquals(totals(before).getLong("revenue") + total, totals(after).getLong("revenue"));
    assertEquals(totals(before).getLong("ordersPlaced") + 1, totals(after).getLong("ordersPlaced"));
    assertEquals(totals(before).getLong("newCustomers") + 1, totals(after).getLong("newCustomers"), "a first-time guest");
    JsonObject funnelBefore = before.getJsonObject("funnel");
    JsonObject funnel = after.getJsonObject("funnel");
    assertEquals(funnelBefore.getLong("cartsCreated") + 2, funnel.getLong("cartsCreated"), funnel.encode());
    assertEquals(funnelBefore.getLong("checkoutsStarted") + 2, funnel.getLong("checkoutsStarted"), "two carts, three quotes");
    assertEquals(funnelBefore.getLong("ordersPlaced") + 1, funnel.getLong("ordersPlaced"));
    assertEquals(funnelBefore.getLong("ordersPaid") + 1, funnel.getLong("ordersPaid"));
    JsonObject top = find(after.getJsonArray("topProducts"), product.getString("id"));
    assertEquals(2, top.getLong("units"));
    assertEquals(3000, top.getLong("revenue"));
    assertTrue(top.getString("name").startsWith("Analytics "), top.encode());
    JsonObject topCategory = find(after.getJsonArray("topCategories"), category);
    assertEquals(2, topCategory.getLong("units"));
    assertTrue(topCategory.getString("name").startsWith("Category "), topCategory.encode());

    // the same through GraphQL, weekly
    var gql = graphql(shop.staffToken(), "{ salesDashboard(from: \"" + today + "\", to: \"" + today + "\", granularity: WEEK) {"
      + " currency granularity totals { revenue ordersPlaced ordersPaid averageOrderValue refunds returns cancelled newCustomers"
      + " returningCustomers } periods { start figures { revenue } }"
      + " topProducts { id units revenue } funnel { cartsCreated checkoutsStarted ordersPlaced ordersPaid } } }");
    JsonObject data = gql.bodyAsJsonObject().getJsonObject("data").getJsonObject("salesDashboard");
    assertEquals("EUR", data.getString("currency"));
    assertEquals("WEEK", data.getString("granularity"));
    // money and counts are the Long scalar (a count passes 2^31 within weeks at a high rate): whole JSON numbers as REST answers them, never 4.0
    JsonObject figures = data.getJsonObject("totals");
    for (String field : figures.fieldNames()) {
      assertWhole(figures, field, gql.bodyAsString());
      assertEquals(totals(after).getLong(field), figures.getLong(field), field);
    }
    JsonObject gqlTop = find(data.getJsonArray("topProducts"), product.getString("id"));
    assertWhole(gqlTop, "units", gql.bodyAsString());
    assertWhole(gqlTop, "revenue", gql.bodyAsString());
    assertEquals(3000, gqlTop.getLong("revenue"));
    for (String field : data.getJsonObject("funnel").fieldNames()) {
      assertWhole(data.getJsonObject("funnel"), field, gql.bodyAsString());
      assertEquals(funnel.getLong(field), data.getJsonObject("funnel").getLong(field), field);
    }
  }

  private static void assertWhole(JsonObject object, String field, String body) {
    Object value = object.getValue(field);
    assertTrue(value instanceof Integer || value instanceof Long, field + " is " + value + " in " + body);
  }

  @Test
  void theTopProductsOfARangeReadBeforeFollowLaterPayments() throws Exception {
    // far dearer than anything else the tests sell: it leads the list as soon as it is paid
    JsonObject product = product(null, 4_000_000);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    String from = today.minusDays(400).toString();
    caughtUp();
    JsonArray before = dashboard(from, today.toString(), "week").bodyAsJsonObject().getJsonArray("topProducts");
    assertTrue(before.stream().noneMatch(t -> ((JsonObject) t).getString("id").equals(product.getString("id"))));

    buy(product, 1);
    JsonObject first = Eventually.value("the paid order leads the year's top products", Duration.ofSeconds(20),
      () -> dashboard(from, today.toString(), "week").bodyAsJsonObject().getJsonArray("topProducts").getJsonObject(0),
      t -> t.getString("id").equals(product.getString("id")));
    assertEquals(1, first.getLong("units"));
    assertEquals(4_000_000, first.getLong("revenue"));

    buy(product, 2);
    // the test card's payment is confirmed a moment after its answer (like a webhook)
    Eventually.value("the second order counts in the year's top products", Duration.ofSeconds(20),
      () -> dashboard(from, today.toString(), "week").bodyAsJsonObject().getJsonArray("topProducts").getJsonObject(0),
      t -> t.getLong("units") == 3);
    for (String range : List.of(from, today.minusDays(6).toString(), today.toString())) {
      JsonObject top = dashboard(range, today.toString(), "day").bodyAsJsonObject().getJsonArray("topProducts").getJsonObject(0);
      assertEquals(product.getString("id"), top.getString("id"), range);
      assertEquals(3, top.getLong("units"), "both orders, from " + range);
      assertEquals(12_000_000, top.getLong("revenue"), range);
    }
  }

  /** A guest orders {@code quantity} of the product's first variant and pays with the test card. */
  private static void buy(JsonObject product, int quantity) throws Exception {
    String guest = shop.add(null, Shop.variantId(product, 0), quantity).getHeader("X-Cart-Token");
    var placed = CheckoutEndToEndTest.place(http, guest, UUID.randomUUID().toString(),
      CheckoutEndToEndTest.order("top-buyer@example.com", "DE", GERMANY_STANDARD));
    assertEquals(201, placed.statusCode(), placed.bodyAsString());
    String orderId = placed.bodyAsJsonObject().getJsonObject("order").getString("id");
    var paid = http.post("/api/v1/orders/" + orderId + "/payment/test-card").putHeader("X-Order-Token", placed.bodyAsJsonObject().getString("accessToken"))
      .sendJsonObject(new JsonObject().put("card", "4242 4242 4242 4242")).await(10, TimeUnit.SECONDS);
    assertEquals(200, paid.statusCode(), paid.bodyAsString());
  }

  @Test
  void rollupsEqualTheOrdersAfterAReplayWithDuplicateEvents() throws Exception {
    String category = category("history-" + UUID.randomUUID().toString().substring(0, 8));
    for (int i = 0; i < 12; i++) {
      product(i % 2 == 0 ? category : null, 900 + 150 * i);
    }
    JsonArray variants = SaleableVariants.sample(catalog, "EUR", 50).await(10, TimeUnit.SECONDS);
    OrderHistory.generate(checkout, cart, variants, 3_000, 75, "EUR", done -> { }).await(2, TimeUnit.MINUTES);
    LocalDate from = LocalDate.now(ZoneOffset.UTC).minusDays(80);
    LocalDate to = LocalDate.now(ZoneOffset.UTC);
    caughtUp();
    assertRollupsMatchTheOrders(from, to);

    // every checkout and cart event once more at the head of its log, then both consumers start over
    duplicateTheLog(checkout, "checkout.%");
    // only the cart's own creations: the catalog's consumer of the cart's log is not under test here
    duplicateTheLog(cart, "cart.cart-created");
    analytics.query("UPDATE event_checkpoint SET position = 0 WHERE consumer IN ('analytics.sales', 'analytics.carts')")
      .execute().await(10, TimeUnit.SECONDS);
    caughtUp();
    assertRollupsMatchTheOrders(from, to);
  }

  @Test
  void anEventThatCannotBeAppliedIsParkedAndTheEventsAfterItStillCount() throws Exception {
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    caughtUp();
    long started = dashboard(today, today, "day").bodyAsJsonObject().getJsonObject("funnel").getLong("checkoutsStarted");
    String now = java.time.Instant.now().toString();
    // a return without its id breaks the rollup's insert (in the middle of a pipelined pass); then a checkout starts
    var poison = new JsonObject().put("eventId", UUID.randomUUID().toString()).put("occurredAt", now)
      .put("orderId", UUID.randomUUID().toString()).put("number", "KC-POISON").put("returnId", (String) null)
      .put("lines", new JsonArray()).put("reason", "x").put("version", 2);
    var checkoutStarted = new JsonObject().put("eventId", UUID.randomUUID().toString()).put("occurredAt", now)
      .put("cartId", UUID.randomUUID().toString()).put("customerId", (String) null).put("currency", "EUR").put("version", 0);
    append(checkout, List.of(Map.entry("checkout.return-requested", poison), Map.entry("checkout.checkout-started", checkoutStarted)));

    Eventually.until("the event after the failing one counts", Duration.ofSeconds(90),
      () -> dashboard(today, today, "day").bodyAsJsonObject().getJsonObject("funnel").getLong("checkoutsStarted") == started + 1);
    long parked = analytics.query("SELECT count(*) FROM event_parked WHERE consumer = 'analytics.sales' AND event_type = 'checkout.return-requested'")
      .execute().await(10, TimeUnit.SECONDS).iterator().next().getLong(0);
    assertEquals(1, parked, "the failing event waits in event_parked");
  }

  /** Appends events to a log's head, as the relay would have logged them. */
  private static void append(Pool pool, List<Map.Entry<String, JsonObject>> events) throws Exception {
    pool.withTransaction(tx -> tx.query("SELECT position FROM outbox_head FOR UPDATE").execute().compose(head -> {
      long position = head.iterator().next().getLong(0);
      var batch = new java.util.ArrayList<Tuple>();
      for (var e : events) {
        position++;
        String type = e.getKey();
        batch.add(Tuple.tuple().addValue(UUID.fromString(e.getValue().getString("eventId"))).addValue(type)
          .addValue(type.replace(".", ".events.")).addValue(e.getValue()).addValue(e.getValue().getString("orderId"))
          .addValue(e.getValue().getLong("version")).addValue(position));
      }
      long last = position;
      return tx.preparedQuery("""
          INSERT INTO outbox (event_id, event_type, address, payload, correlation, aggregate_id, aggregate_version, actor, delivered_at, position)
          VALUES ($1, $2, $3, $4, 'test', $5, $6, 'system', now(), $7)""").executeBatch(batch)
        .compose(v -> tx.preparedQuery("UPDATE outbox_head SET position = $1").execute(Tuple.of(last)));
    })).await(10, TimeUnit.SECONDS);
  }

  @Test
  void onlyAdminsSeeTheFigures() throws Exception {
    String path = "/api/v1/admin/analytics/dashboard?from=2026-01-01&to=2026-01-31";
    assertProblem(http.get(path).send().await(10, TimeUnit.SECONDS), 401, "UNAUTHENTICATED");
    String customer = shop.customer();
    assertProblem(http.get(path).bearerTokenAuthentication(customer).send().await(10, TimeUnit.SECONDS), 403, "FORBIDDEN");
    String cataloguer = staff("catalog");
    assertProblem(http.get(path).bearerTokenAuthentication(cataloguer).send().await(10, TimeUnit.SECONDS), 403, "FORBIDDEN");
    String query = "{ salesDashboard(from: \"2026-01-01\", to: \"2026-01-31\") { currency } }";
    var refused = graphql(cataloguer, query);
    assertEquals("FORBIDDEN", refused.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code"),
      refused.bodyAsString());
    assertTrue(graphql(customer, query).statusCode() >= 401, "a customer's token is no staff token");
    assertEquals(401, graphql(null, query).statusCode());
    assertEquals(200, http.get(path).bearerTokenAuthentication(shop.staffToken()).send().await(10, TimeUnit.SECONDS).statusCode());
  }

  @Test
  void badRangesAndGranularitiesAreRefused() throws Exception {
    String admin = shop.staffToken();
    String base = "/api/v1/admin/analytics/dashboard";
    assertProblem(http.get(base + "?from=2026-02-01&to=2026-01-01").bearerTokenAuthentication(admin).send().await(10, TimeUnit.SECONDS),
      400, "VALIDATION_FAILED");
    assertProblem(http.get(base + "?from=2006-01-01&to=2026-01-01").bearerTokenAuthentication(admin).send().await(10, TimeUnit.SECONDS),
      400, "VALIDATION_FAILED");
    assertProblem(http.get(base + "?from=2026-01-01&to=2026-01-31&granularity=month").bearerTokenAuthentication(admin)
      .send().await(10, TimeUnit.SECONDS), 400, "VALIDATION_FAILED");
    assertProblem(http.get(base + "?from=2026-13-01&to=2026-01-31").bearerTokenAuthentication(admin).send().await(10, TimeUnit.SECONDS),
      400, "VALIDATION_FAILED");
    assertProblem(http.get(base + "?from=2026-01-01").bearerTokenAuthentication(admin).send().await(10, TimeUnit.SECONDS),
      400, "VALIDATION_FAILED");
    assertProblem(http.get(base + "?from=2026-01-01&to=2026-01-31&currency=EURO").bearerTokenAuthentication(admin)
      .send().await(10, TimeUnit.SECONDS), 400, "VALIDATION_FAILED");
    for (String range : new String[] {"from: \"2026-02-01\", to: \"2026-01-01\"", "from: \"2006-01-01\", to: \"2026-01-01\"",
      "from: \"yesterday\", to: \"2026-01-01\""}) {
      var r = graphql(admin, "{ salesDashboard(" + range + ") { currency } }");
      assertEquals("VALIDATION_FAILED", r.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getJsonObject("extensions")
        .getString("code"), r.bodyAsString());
    }
    var unknown = graphql(admin, "{ salesDashboard(from: \"2026-01-01\", to: \"2026-01-31\", granularity: MONTH) { currency } }");
    assertTrue(unknown.bodyAsJsonObject().containsKey("errors"), unknown.bodyAsString());
  }

  // ---- the direct computation ----------------------------------------------------------------

  /** Per day: the dashboard's periods against the same figures computed from the checkout's orders and payments. */
  private static void assertRollupsMatchTheOrders(LocalDate from, LocalDate to) throws Exception {
    var expected = new TreeMap<String, JsonObject>();
    for (Row r : checkout.preparedQuery("""
        WITH o AS (
          SELECT o.id, (o.placed_at AT TIME ZONE 'UTC')::date AS day, o.total, o.state,
                 coalesce(o.customer_id::text, 'e:' || encode(sha256(convert_to(lower(o.email), 'UTF8')), 'hex')) AS who,
                 p.status IN ('succeeded', 'partially_refunded', 'refunded') AS paid, p.refunded
          FROM orders o JOIN payment p ON p.order_id = o.id WHERE o.currency = 'EUR'),
        firsts AS (SELECT who, min(day) AS first_day FROM o WHERE paid GROUP BY who),
        days AS (SELECT DISTINCT who, day FROM o WHERE paid)
        SELECT o.day::text AS day, count(*) AS placed, count(*) FILTER (WHERE paid) AS paid,
               coalesce(sum(total) FILTER (WHERE paid), 0) AS revenue, sum(refunded) AS refunds,
               count(*) FILTER (WHERE state = 'cancelled') AS cancelled,
               (SELECT count(*) FROM firsts f WHERE f.first_day = o.day) AS new_customers,
               (SELECT count(*) FROM days d JOIN firsts f USING (who) WHERE d.day = o.day AND f.first_day < o.day) AS returning
        FROM o WHERE o.day BETWEEN $1 AND $2 GROUP BY o.day""").execute(Tuple.of(from, to)).await(30, TimeUnit.SECONDS)) {
      expected.put(r.getString("day"), new JsonObject().put("ordersPlaced", r.getLong("placed")).put("ordersPaid", r.getLong("paid"))
        .put("revenue", r.getLong("revenue")).put("refunds", r.getLong("refunds")).put("cancelled", r.getLong("cancelled"))
        .put("newCustomers", r.getLong("new_customers")).put("returningCustomers", r.getLong("returning")));
    }
    JsonObject daily = dashboard(from.toString(), to.toString(), "day").bodyAsJsonObject();
    var actual = new TreeMap<String, JsonObject>();
    daily.getJsonArray("periods").forEach(p -> {
      JsonObject period = (JsonObject) p;
      JsonObject f = period.getJsonObject("figures");
      actual.put(period.getString("start"), new JsonObject().put("ordersPlaced", f.getLong("ordersPlaced"))
        .put("ordersPaid", f.getLong("ordersPaid")).put("revenue", f.getLong("revenue")).put("refunds", f.getLong("refunds"))
        .put("cancelled", f.getLong("cancelled")).put("newCustomers", f.getLong("newCustomers"))
        .put("returningCustomers", f.getLong("returningCustomers")));
    });
    assertEquals(expected, actual);

    long revenue = expected.values().stream().mapToLong(e -> e.getLong("revenue")).sum();
    JsonObject weekly = dashboard(from.toString(), to.toString(), "week").bodyAsJsonObject();
    assertEquals(revenue, totals(weekly).getLong("revenue"), "weeks roll up from the days");
    long weeks = weekly.getJsonArray("periods").stream().mapToLong(p -> ((JsonObject) p).getJsonObject("figures").getLong("revenue")).sum();
    assertEquals(revenue, weeks);

    // top products: the paid orders' lines
    var units = new HashMap<String, long[]>();
    for (Row r : checkout.preparedQuery("""
        SELECT l->>'productId' AS product, sum((l->>'quantity')::bigint) AS units, sum((l->'gross'->>'amount')::bigint) AS revenue
        FROM orders o JOIN payment p ON p.order_id = o.id, jsonb_array_elements(o.doc->'lines') l
        WHERE o.currency = 'EUR' AND p.status IN ('succeeded', 'partially_refunded', 'refunded')
          AND (o.placed_at AT TIME ZONE 'UTC')::date BETWEEN $1 AND $2
        GROUP BY 1""").execute(Tuple.of(from, to)).await(30, TimeUnit.SECONDS)) {
      units.put(r.getString("product"), new long[] {r.getLong("units"), r.getLong("revenue")});
    }
    JsonArray top = daily.getJsonArray("topProducts");
    assertEquals(Math.min(10, units.size()), top.size());
    for (int i = 0; i < top.size(); i++) {
      JsonObject t = top.getJsonObject(i);
      long[] e = units.get(t.getString("id"));
      assertEquals(e[0], t.getLong("units"), t.encode());
      assertEquals(e[1], t.getLong("revenue"), t.encode());
    }
    long best = units.values().stream().mapToLong(e -> e[1]).max().orElse(0);
    assertEquals(best, top.getJsonObject(0).getLong("revenue"));

    // the funnel: the logs' cart and checkout starts, once per cart
    long carts = count(cart, "SELECT count(DISTINCT payload->>'cartId') FROM outbox WHERE event_type = 'cart.cart-created'"
      + " AND (created_at AT TIME ZONE 'UTC')::date BETWEEN $1 AND $2", from, to);
    long starts = count(checkout, "SELECT count(DISTINCT payload->>'cartId') FROM outbox WHERE event_type = 'checkout.checkout-started'"
      + " AND ((payload->>'occurredAt')::timestamptz AT TIME ZONE 'UTC')::date BETWEEN $1 AND $2", from, to);
    assertEquals(carts, daily.getJsonObject("funnel").getLong("cartsCreated"));
    assertEquals(starts, daily.getJsonObject("funnel").getLong("checkoutsStarted"));
    assertEquals(totals(daily).getLong("ordersPlaced"), daily.getJsonObject("funnel").getLong("ordersPlaced"));
  }

  private static long count(Pool pool, String sql, LocalDate from, LocalDate to) throws Exception {
    return pool.preparedQuery(sql).execute(Tuple.of(from, to)).await(10, TimeUnit.SECONDS).iterator().next().getLong(0);
  }

  /** Appends a copy of every logged event of the types {@code like} (a new log entry, the same event) after the head. */
  private static void duplicateTheLog(Pool pool, String like) throws Exception {
    pool.withTransaction(tx -> tx.query("SELECT position FROM outbox_head FOR UPDATE").execute().compose(head -> {
      long from = head.iterator().next().getLong(0);
      return tx.preparedQuery("""
          INSERT INTO outbox (event_id, event_type, address, payload, correlation, aggregate_id, aggregate_version, actor,
                              created_at, delivered_at, position)
          SELECT gen_random_uuid(), event_type, address, payload, correlation, aggregate_id, aggregate_version, actor, created_at, now(),
                 $1 + row_number() OVER (ORDER BY position)
          FROM outbox WHERE position IS NOT NULL AND position <= $1 AND event_type LIKE $2
          RETURNING position""").execute(Tuple.of(from, like))
        .compose(rows -> tx.preparedQuery("UPDATE outbox_head SET position = $1").execute(Tuple.of(from + rows.rowCount())));
    })).await(60, TimeUnit.SECONDS);
  }

  /**
   * Until the analytics' checkout and cart consumers have applied their logs up to the head. Slow
   * when an earlier test's poison event turned the consumers' pipelining off (one event after the
   * other): a replay of 3,000 orders then takes minutes on a busy CI machine.
   */
  private static void caughtUp() {
    Eventually.value("the analytics consumers are at the heads of the logs", Duration.ofSeconds(300), () -> {
      long checkoutHead = checkout.query("SELECT position FROM outbox_head").execute().await(10, TimeUnit.SECONDS).iterator().next().getLong(0);
      long cartHead = cart.query("SELECT position FROM outbox_head").execute().await(10, TimeUnit.SECONDS).iterator().next().getLong(0);
      long unlogged = checkout.query("SELECT count(*) FROM outbox WHERE position IS NULL").execute().await(10, TimeUnit.SECONDS)
        .iterator().next().getLong(0) + cart.query("SELECT count(*) FROM outbox WHERE position IS NULL").execute()
        .await(10, TimeUnit.SECONDS).iterator().next().getLong(0);
      Map<String, Long> at = new HashMap<>();
      analytics.query("SELECT consumer, position FROM event_checkpoint").execute().await(10, TimeUnit.SECONDS)
        .forEach(r -> at.put(r.getString("consumer"), r.getLong("position")));
      long sales = at.getOrDefault("analytics.sales", -1L);
      long carts = at.getOrDefault("analytics.carts", -1L);
      boolean done = unlogged == 0 && sales == checkoutHead && carts == cartHead;
      if (!done) {
        Thread.sleep(200); // five queries a look: not every 10 ms while the consumers work
      }
      return (done ? "caught up" : "behind") + ": unlogged " + unlogged + ", analytics.sales at " + sales + " of " + checkoutHead
        + ", analytics.carts at " + carts + " of " + cartHead;
    }, state -> state.startsWith("caught up"));
  }

  // ---- steps ---------------------------------------------------------------------------------

  private static HttpResponse<Buffer> dashboard(String from, String to, String granularity) throws Exception {
    var r = http.get("/api/v1/admin/analytics/dashboard").addQueryParam("from", from).addQueryParam("to", to)
      .addQueryParam("granularity", granularity).bearerTokenAuthentication(shop.staffToken()).send().await(10, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals("no-store", r.getHeader("Cache-Control"));
    return r;
  }

  private static HttpResponse<Buffer> graphql(String token, String query) throws Exception {
    var request = http.post(GRAPHQL);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return request.sendJsonObject(new JsonObject().put("query", query)).await(10, TimeUnit.SECONDS);
  }

  private static JsonObject totals(JsonObject dashboard) {
    return dashboard.getJsonObject("totals");
  }

  private static JsonObject find(JsonArray list, String id) {
    for (int i = 0; i < list.size(); i++) {
      if (list.getJsonObject(i).getString("id").equals(id)) {
        return list.getJsonObject(i);
      }
    }
    throw new AssertionError(id + " is not in " + list.encode());
  }

  private static String category(String slug) throws Exception {
    var r = Shop.send(http.post("/api/v1/admin/categories").bearerTokenAuthentication(shop.staffToken()),
      new JsonObject().put("slug", slug).put("names", new JsonObject().put("en", "Category " + slug)));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("id");
  }

  /** A published product in {@code category} (or none) with one variant at {@code price} EUR cents and plenty of stock. */
  private static JsonObject product(String category, long price) throws Exception {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    var input = new JsonObject()
      .put("slug", "analytics-" + unique).put("status", "PUBLISHED").put("defaultLocale", "en")
      .put("translations", new JsonObject().put("en", new JsonObject().put("name", "Analytics " + unique).put("description", "d")))
      .put("categoryIds", category == null ? new JsonArray() : new JsonArray().add(category)).put("attributes", new JsonObject())
      .put("media", new JsonArray()).put("seo", new JsonObject().put("title", "t").put("description", "d"))
      .put("variants", new JsonArray().add(new JsonObject().put("sku", "AN-" + unique).put("options", new JsonObject())
        .put("prices", new JsonArray().add(new JsonObject().put("amount", price).put("currency", "EUR"))).put("stockOnHand", 1000)));
    var created = Shop.send(http.post("/api/v1/admin/products").bearerTokenAuthentication(shop.staffToken()), input);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject();
  }

  /** A staff member with only {@code role}: their access token. */
  private static String staff(String role) throws Exception {
    String email = role + "-" + UUID.randomUUID() + "@example.com";
    String password = "staff-password-" + UUID.randomUUID();
    var invited = Shop.send(http.post("/api/v1/admin/staff").bearerTokenAuthentication(shop.staffToken()),
      new JsonObject().put("email", email).put("name", "Staff " + role).put("roles", new JsonArray().add(role)).put("password", password));
    assertEquals(201, invited.statusCode(), invited.bodyAsString());
    var login = Shop.send(http.post("/api/v1/admin/auth/login"), new JsonObject().put("email", email).put("password", password));
    assertEquals(200, login.statusCode(), login.bodyAsString());
    return login.bodyAsJsonObject().getString("accessToken");
  }
}
