package io.kinetic.server;

import static io.kinetic.server.Shop.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.gateway.openapi.ContractLoader;
import io.kinetic.kernel.embedded.EmbeddedServices;
import io.kinetic.kernel.pg.Migrations;
import io.kinetic.kernel.pg.PgPools;
import io.kinetic.kernel.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.sql.DriverManager;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rules of the shop's domain a black-box probe found missing, end to end through the real engine:
 * SKUs that differed only in case, prices and dashboards in currencies the shop does not sell, a
 * second cart for a caller who has one, and a line quantity above the shop's limit.
 */
class DomainRulesTest {

  private static WebClient http;
  private static Shop shop;

  @BeforeAll
  static void start() throws Exception {
    http = RunningEngine.client();
    shop = new Shop(http, RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD);
  }

  // ---- SKUs ----------------------------------------------------------------------------------

  @Test
  void skusAreUniqueWhateverTheirCaseAndFoundInAnyCase() throws Exception {
    String u = UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    String sku = "CASE-" + u + "-A";
    String lower = sku.toLowerCase(Locale.ROOT);
    JsonObject first = create(product("case-a-" + u.toLowerCase(Locale.ROOT), sku));
    String variantId = first.getJsonArray("variants").getJsonObject(0).getString("id");

    // another product, or the same one, with the SKU in another case: the duplicate-SKU answer, naming the field
    var taken = send(http.post("/api/v1/admin/products").bearerTokenAuthentication(shop.staffToken()),
      product("case-b-" + u.toLowerCase(Locale.ROOT), lower));
    assertProblem(taken, 409, "SKU_TAKEN", "variants[0].sku");
    var added = send(http.post("/api/v1/admin/products/" + first.getString("id") + "/variants").bearerTokenAuthentication(shop.staffToken()),
      new JsonObject().put("sku", "case-" + u + "-a").put("options", new JsonObject().put("size", "L")));
    assertProblem(added, 409, "SKU_TAKEN", "sku");
    var twice = send(http.post("/api/v1/admin/products").bearerTokenAuthentication(shop.staffToken()),
      product("case-c-" + u.toLowerCase(Locale.ROOT), "TWICE-" + u, "twice-" + u));
    assertProblem(twice, 400, "VALIDATION_FAILED", "variants[1].sku");
    // surrounding blanks are no part of a SKU: refused, never a SKU of their own
    var blank = send(http.post("/api/v1/admin/products").bearerTokenAuthentication(shop.staffToken()),
      product("case-d-" + u.toLowerCase(Locale.ROOT), " " + sku + " "));
    assertProblem(blank, 400, "VALIDATION_FAILED", "variants[0].sku");
    var graphql = send(http.post("/admin/graphql").bearerTokenAuthentication(shop.staffToken()), new JsonObject()
      .put("query", "mutation($in: ProductInput!) { createProduct(input: $in) { __typename ... on Problem { code } } }")
      .put("variables", new JsonObject().put("in", new JsonObject().put("slug", "case-e-" + u.toLowerCase(Locale.ROOT))
        .put("status", "DRAFT").put("defaultLocale", "en")
        .put("translations", new JsonArray().add(new JsonObject().put("locale", "en").put("name", "Rules")))
        .put("variants", new JsonArray().add(new JsonObject().put("sku", lower))))));
    assertEquals("SKU_TAKEN", graphql.bodyAsJsonObject().getJsonObject("data").getJsonObject("createProduct").getString("code"),
      graphql.bodyAsString());

    // the variant is found by its SKU in any case
    var stock = send(http.put("/api/v1/admin/variants/" + lower + "/stock").bearerTokenAuthentication(shop.staffToken()),
      new JsonObject().put("onHand", 7));
    assertEquals(200, stock.statusCode(), stock.bodyAsString());
    assertEquals(7, stock.bodyAsJsonObject().getJsonArray("variants").getJsonObject(0).getInteger("stockOnHand"));
    var price = send(http.put("/api/v1/admin/variants/case-" + u + "-a/prices/EUR").bearerTokenAuthentication(shop.staffToken()),
      new JsonObject().put("amount", 1234));
    assertEquals(200, price.statusCode(), price.bodyAsString());
    assertEquals(sku, price.bodyAsJsonObject().getJsonArray("variants").getJsonObject(0).getString("sku"), "kept as it was written");

    // saved with its SKU in another case, the variant stays the same one (its id, its stock), renamed
    JsonObject update = product(first.getString("slug"), lower).put("version", price.bodyAsJsonObject().getLong("version"));
    update.getJsonArray("variants").getJsonObject(0).remove("stockOnHand");
    var renamed = send(http.put("/api/v1/admin/products/" + first.getString("id")).bearerTokenAuthentication(shop.staffToken()), update);
    assertEquals(200, renamed.statusCode(), renamed.bodyAsString());
    JsonObject variant = renamed.bodyAsJsonObject().getJsonArray("variants").getJsonObject(0);
    assertEquals(variantId, variant.getString("id"));
    assertEquals(lower, variant.getString("sku"));
    assertEquals(7, variant.getInteger("stockOnHand"));
    assertProblem(send(http.post("/api/v1/admin/products").bearerTokenAuthentication(shop.staffToken()),
      product("case-f-" + u.toLowerCase(Locale.ROOT), sku)), 409, "SKU_TAKEN", "variants[0].sku");
  }

  /**
   * A shop that already holds SKUs differing only in case (made before they were unique regardless
   * of it) upgrades without a failed migration: both variants stay and each is found in its own case,
   * the database gets a plain index instead of the unique one, and no further such SKU can be made.
   */
  @Test
  void aShopHoldingSkusThatDifferOnlyInCaseUpgradesAndKeepsThem() throws Exception {
    String pgUrl = TestServices.get().newDatabase("legacy_skus");
    var jdbc = PgPools.jdbc(pgUrl);
    // the catalog as the previous release left it (V11), with two products whose SKUs differ only in case
    Flyway.configure(Migrations.class.getClassLoader()).dataSource(jdbc.url(), jdbc.user(), jdbc.password())
      .schemas("catalog").defaultSchema("catalog").createSchemas(true)
      .locations("classpath:db/kernel", "classpath:db/catalog").table("flyway_history").outOfOrder(true)
      .target("11").load().migrate();
    UUID upper = UUID.randomUUID();
    UUID lower = UUID.randomUUID();
    try (var connection = DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password())) {
      for (UUID id : new UUID[] {upper, lower}) {
        try (var product = connection.prepareStatement("INSERT INTO catalog.product (id, slug, status, default_locale, translations,"
          + " sort_name) VALUES (?, ?, 'DRAFT', 'en', '{\"en\": {\"name\": \"Legacy\"}}'::jsonb, 'legacy')");
             var variant = connection.prepareStatement("INSERT INTO catalog.variant (id, product_id, sku, stock_on_hand) VALUES (?, ?, ?, 1)")) {
          product.setObject(1, id);
          product.setString(2, "legacy-" + id);
          product.executeUpdate();
          variant.setObject(1, UUID.randomUUID());
          variant.setObject(2, id);
          variant.setString(3, id == upper ? "LEGACY-1" : "legacy-1");
          variant.executeUpdate();
        }
      }
    }
    try (var redis = new EmbeddedServices()) {
      Engine engine = Engine.start(EngineEnv.extra("legacy-admin@kinetic.test", "legacy-admin-password", pgUrl, redis.startRedis(0)));
      var vertx = Vertx.vertx();
      try {
        var client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(engine.httpPort()));
        String staff = new Shop(client, "legacy-admin@kinetic.test", "legacy-admin-password").staffToken();
        for (String sku : new String[] {"legacy-1", "LEGACY-1"}) {
          var stock = send(client.put("/api/v1/admin/variants/" + sku + "/stock").bearerTokenAuthentication(staff),
            new JsonObject().put("onHand", 5));
          assertEquals(200, stock.statusCode(), stock.bodyAsString());
          assertEquals((sku.equals("legacy-1") ? lower : upper).toString(), stock.bodyAsJsonObject().getString("id"),
            "the variant in exactly that case");
        }
        assertProblem(send(client.post("/api/v1/admin/products").bearerTokenAuthentication(staff),
          product("legacy-new", "Legacy-1")), 409, "SKU_TAKEN", "variants[0].sku");
        // on the plain index, products created at once with one SKU in different cases: one of them gets it
        assertOneOfARaceGetsTheSku(client, staff, "legacy-race");
        // each of the two can still be saved as it is
        var read = await(client.get("/api/v1/admin/products/" + upper).bearerTokenAuthentication(staff).send());
        JsonObject update = product(read.bodyAsJsonObject().getString("slug"), "LEGACY-1").put("version", read.bodyAsJsonObject().getLong("version"));
        var saved = send(client.put("/api/v1/admin/products/" + upper).bearerTokenAuthentication(staff), update);
        assertEquals(200, saved.statusCode(), saved.bodyAsString());
      } finally {
        vertx.close().await(10, TimeUnit.SECONDS);
        engine.stop();
      }
    }
    try (var connection = DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password());
         var indexes = connection.createStatement().executeQuery(
           "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE schemaname = 'catalog' AND indexname LIKE 'variant_sku%'")) {
      indexes.next();
      assertEquals("variant_sku_key,variant_sku_lower", indexes.getString(1), "a plain index on lower(sku), not the unique one");
    }
  }

  /** On the unique index: products created at once with one SKU in different cases, one of them gets it. */
  @Test
  void productsCreatedAtOnceWithOneSkuInDifferentCasesGetItOnce() throws Exception {
    assertOneOfARaceGetsTheSku(http, shop.staffToken(), "race-" + UUID.randomUUID().toString().substring(0, 8));
  }

  /**
   * Eight products created at once, each with the same SKU in another case ({@code Race-…}, {@code race-…},
   * {@code RACE-…}, …): exactly one is created, every other gets 409 {@code SKU_TAKEN} naming the field
   * (never a 500, never two variants with the SKU).
   */
  private static void assertOneOfARaceGetsTheSku(WebClient client, String staff, String prefix) throws Exception {
    String sku = "Race-" + UUID.randomUUID().toString().substring(0, 8);
    var answers = new java.util.ArrayList<io.vertx.core.Future<HttpResponse<Buffer>>>();
    for (int i = 0; i < 8; i++) {
      StringBuilder cased = new StringBuilder();
      for (int c = 0; c < sku.length(); c++) {
        char ch = sku.charAt(c);
        cased.append(((i >> (c % 3)) & 1) == 1 ? Character.toUpperCase(ch) : Character.toLowerCase(ch));
      }
      answers.add(client.post("/api/v1/admin/products").bearerTokenAuthentication(staff)
        .sendJsonObject(product(prefix + "-" + i, cased.toString())));
    }
    int created = 0;
    for (var answer : answers) {
      var response = await(answer);
      if (response.statusCode() == 201) {
        created++;
      } else {
        assertProblem(response, 409, "SKU_TAKEN", "variants[0].sku");
      }
    }
    assertEquals(1, created, "exactly one product gets the SKU");
    var found = send(client.put("/api/v1/admin/variants/" + sku.toUpperCase(Locale.ROOT) + "/stock").bearerTokenAuthentication(staff),
      new JsonObject().put("onHand", 4));
    assertEquals(200, found.statusCode(), found.bodyAsString());
  }

  // ---- prices --------------------------------------------------------------------------------

  /**
   * A price in a currency the shop does not sell (not in {@code cart.currencies}: EUR, USD here) is
   * refused naming the field, over REST and GraphQL; one a variant already holds, unchanged (from
   * before its currency left the configuration), still saves with its product.
   */
  @Test
  void theShopSaysWhichCurrenciesItSells() throws Exception {
    // the storefront's currency picker and the admin's price fields are these (were EUR and USD whatever the shop sold)
    var rest = http.get("/api/v1/cart/currencies").send().await(10, TimeUnit.SECONDS);
    assertEquals(200, rest.statusCode(), rest.bodyAsString());
    // with the most units of a line (cart.maxLineQuantity, 99 here): the storefront's quantity pickers stop there
    JsonObject expected = new JsonObject().put("currencies", new JsonArray().add("EUR").add("USD")).put("defaultCurrency", "EUR")
      .put("maxLineQuantity", 99);
    assertEquals(expected, rest.bodyAsJsonObject());
    assertEquals("public, max-age=60", rest.getHeader("Cache-Control"));
    var graphql = send(http.post("/graphql"), new JsonObject().put("query", "{ currencies { currencies defaultCurrency maxLineQuantity } }"));
    assertEquals(expected, graphql.bodyAsJsonObject().getJsonObject("data").getJsonObject("currencies"), graphql.bodyAsString());
  }

  @Test
  void pricesAreOnlyInCurrenciesTheShopSells() throws Exception {
    String u = UUID.randomUUID().toString().substring(0, 8);
    String token = shop.staffToken();
    JsonObject gbp = product("price-gbp-" + u, "GBP-" + u);
    gbp.getJsonArray("variants").getJsonObject(0).getJsonArray("prices").add(new JsonObject().put("amount", 900).put("currency", "GBP"));
    assertProblem(send(http.post("/api/v1/admin/products").bearerTokenAuthentication(token), gbp), 400, "VALIDATION_FAILED",
      "variants[0].prices[1].currency");

    JsonObject created = create(product("price-ok-" + u, "PRICE-" + u));
    String sku = "PRICE-" + u;
    assertProblem(send(http.put("/api/v1/admin/variants/" + sku + "/prices/GBP").bearerTokenAuthentication(token),
      new JsonObject().put("amount", 900)), 400, "VALIDATION_FAILED", "currency");
    var usd = send(http.put("/api/v1/admin/variants/" + sku + "/prices/USD").bearerTokenAuthentication(token),
      new JsonObject().put("amount", 1100));
    assertEquals(200, usd.statusCode(), usd.bodyAsString());
    var added = send(http.post("/api/v1/admin/products/" + created.getString("id") + "/variants").bearerTokenAuthentication(token),
      new JsonObject().put("sku", "PRICE-" + u + "-2").put("options", new JsonObject().put("size", "XL"))
        .put("prices", new JsonArray().add(new JsonObject().put("amount", 900).put("currency", "CHF"))));
    assertProblem(added, 400, "VALIDATION_FAILED", "prices[0].currency");
    var graphql = send(http.post("/admin/graphql").bearerTokenAuthentication(token), new JsonObject()
      .put("query", "mutation($sku: String!) { setPrice(sku: $sku, amount: 900, currency: \"GBP\") {"
        + " __typename ... on Problem { code errors { field } } } }").put("variables", new JsonObject().put("sku", sku)));
    JsonObject problem = graphql.bodyAsJsonObject().getJsonObject("data").getJsonObject("setPrice");
    assertEquals("VALIDATION_FAILED", problem.getString("code"), graphql.bodyAsString());
    assertEquals("currency", problem.getJsonArray("errors").getJsonObject(0).getString("field"), graphql.bodyAsString());

    // a GBP price set before GBP left the shop's currencies (written as an older release could have)
    var sql = PgPools.forTask(RunningEngine.engineVertx(), RunningEngine.pgUrl(), 1, "catalog", "test");
    try {
      sql.preparedQuery("INSERT INTO variant_price (variant_id, product_id, currency, amount) VALUES ($1, $2, 'GBP', 900)")
        .execute(io.vertx.sqlclient.Tuple.of(UUID.fromString(created.getJsonArray("variants").getJsonObject(0).getString("id")),
          UUID.fromString(created.getString("id")))).await(10, TimeUnit.SECONDS);
    } finally {
      sql.close().await(10, TimeUnit.SECONDS);
    }
    JsonObject kept = product(created.getString("slug"), sku).put("version", usd.bodyAsJsonObject().getLong("version"));
    kept.getJsonArray("variants").getJsonObject(0).getJsonArray("prices").add(new JsonObject().put("amount", 900).put("currency", "GBP"));
    var saved = send(http.put("/api/v1/admin/products/" + created.getString("id")).bearerTokenAuthentication(token), kept);
    assertEquals(200, saved.statusCode(), "the price it held, unchanged: " + saved.bodyAsString());
    kept.put("version", saved.bodyAsJsonObject().getLong("version"));
    kept.getJsonArray("variants").getJsonObject(0).getJsonArray("prices").getJsonObject(1).put("amount", 950);
    assertProblem(send(http.put("/api/v1/admin/products/" + created.getString("id")).bearerTokenAuthentication(token), kept),
      400, "VALIDATION_FAILED", "variants[0].prices[1].currency");
  }

  // ---- the sales dashboard -------------------------------------------------------------------

  /**
   * The dashboard in a currency the shop does not sell is refused naming {@code currency} (REST and
   * GraphQL), not answered with zeros; one it sold in before (sales recorded in it) still answers.
   */
  @Test
  void theDashboardAnswersOnlyCurrenciesTheShopSellsOrSoldIn() throws Exception {
    String admin = shop.staffToken();
    String path = "/api/v1/admin/analytics/dashboard?from=2001-01-01&to=2001-01-31&currency=";
    assertProblem(await(http.get(path + "JPY").bearerTokenAuthentication(admin).send()), 400, "VALIDATION_FAILED", "currency");
    var usd = await(http.get(path + "USD").bearerTokenAuthentication(admin).send());
    assertEquals(200, usd.statusCode(), usd.bodyAsString());
    var graphql = send(http.post("/admin/graphql").bearerTokenAuthentication(admin), new JsonObject()
      .put("query", "{ salesDashboard(from: \"2001-01-01\", to: \"2001-01-31\", currency: \"JPY\") { currency } }"));
    JsonObject error = graphql.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
    assertEquals("VALIDATION_FAILED", error.getJsonObject("extensions").getString("code"), graphql.bodyAsString());
    assertEquals("currency", error.getJsonObject("extensions").getJsonArray("errors").getJsonObject(0).getString("field"),
      graphql.bodyAsString());

    // sales recorded in GBP (sold before GBP left cart.currencies): their figures are still there to see
    var sql = PgPools.forTask(RunningEngine.engineVertx(), RunningEngine.pgUrl(), 1, "analytics", "test");
    try {
      sql.query("INSERT INTO sales_day (currency, day, orders_placed) VALUES ('GBP', '2001-01-02', 1) ON CONFLICT DO NOTHING")
        .execute().await(10, TimeUnit.SECONDS);
    } finally {
      sql.close().await(10, TimeUnit.SECONDS);
    }
    var gbp = await(http.get(path + "GBP").bearerTokenAuthentication(admin).send());
    assertEquals(200, gbp.statusCode(), gbp.bodyAsString());
    assertEquals(1, gbp.bodyAsJsonObject().getJsonObject("totals").getInteger("ordersPlaced"), gbp.bodyAsString());
  }

  // ---- carts ---------------------------------------------------------------------------------

  /**
   * {@code POST /api/v1/cart} answers the caller's live cart (200, the same id, and a guest's token)
   * instead of making a second one; a caller without a cart, or whose token names none any more,
   * gets a new one (201 with its token).
   */
  @Test
  void creatingACartAnswersTheCallersLiveCart() throws Exception {
    var product = shop.product("PUBLISHED", 20);
    String variant = Shop.variantId(product, 0);

    var anonymous = send(http.post("/api/v1/cart"), new JsonObject());
    assertEquals(201, anonymous.statusCode(), anonymous.bodyAsString());
    String token = anonymous.getHeader("X-Cart-Token");
    assertNotNull(token);
    assertEquals(token, anonymous.bodyAsJsonObject().getString("token"));
    String id = anonymous.bodyAsJsonObject().getString("id");
    assertEquals(200, shop.add(token, variant, 2).statusCode());

    var again = send(Shop.withCart(http.post("/api/v1/cart"), token), new JsonObject());
    assertEquals(200, again.statusCode(), again.bodyAsString());
    assertEquals(id, again.bodyAsJsonObject().getString("id"));
    assertEquals(token, again.bodyAsJsonObject().getString("token"), "the caller's own token, as sent");
    assertEquals(token, again.getHeader("X-Cart-Token"));
    assertEquals(2, again.bodyAsJsonObject().getInteger("itemCount"));
    var graphql = send(Shop.withCart(http.post("/graphql"), token), new JsonObject()
      .put("query", "mutation { createCart { __typename ... on Cart { id token itemCount } } }"));
    JsonObject cart = graphql.bodyAsJsonObject().getJsonObject("data").getJsonObject("createCart");
    assertEquals(id, cart.getString("id"), graphql.bodyAsString());
    assertEquals(token, cart.getString("token"));
    assertEquals(2, cart.getInteger("itemCount"));
    assertEquals(2, shop.cart(token).bodyAsJsonObject().getInteger("itemCount"), "still the one cart");

    // a token that names no cart (never issued, expired, merged; or not even a token): a new cart
    for (String stale : new String[] {CartTokens.unknown(), "not-a-token"}) {
      var fresh = send(Shop.withCart(http.post("/api/v1/cart"), stale), new JsonObject());
      assertEquals(201, fresh.statusCode(), fresh.bodyAsString());
      assertNotEquals(stale, fresh.getHeader("X-Cart-Token"));
      assertNotEquals(id, fresh.bodyAsJsonObject().getString("id"));
      assertEquals(0, fresh.bodyAsJsonObject().getInteger("itemCount"));
    }

    // a customer's cart
    String customer = shop.customer();
    var added = shop.addAsCustomer(customer, variant, 3);
    assertEquals(200, added.statusCode(), added.bodyAsString());
    String customerCart = added.bodyAsJsonObject().getString("id");
    for (int i = 0; i < 2; i++) {
      var own = send(http.post("/api/v1/cart").bearerTokenAuthentication(customer), new JsonObject());
      assertEquals(200, own.statusCode(), own.bodyAsString());
      assertEquals(customerCart, own.bodyAsJsonObject().getString("id"));
      assertEquals(3, own.bodyAsJsonObject().getInteger("itemCount"));
      assertNull(own.bodyAsJsonObject().getString("token"), "a customer's cart is named by the access token");
    }
  }

  /**
   * A line quantity above {@code cart.maxLineQuantity} (99 here) is refused naming {@code quantity}
   * and that limit, over REST (adding, changing a line, moving a wishlist item) and GraphQL, and the
   * served contract says the shop's limit, not the largest any shop may configure.
   */
  @Test
  void aLineQuantityAboveTheShopsMaximumIsRefusedNamingTheLimit() throws Exception {
    var product = shop.product("PUBLISHED", 500);
    String variant = Shop.variantId(product, 0);
    assertAtMost99(shop.add(null, variant, 100));
    var created = shop.add(null, variant, 99);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    String token = created.getHeader("X-Cart-Token");
    assertAtMost99(send(Shop.withCart(http.patch("/api/v1/cart/lines/" + variant), token), new JsonObject().put("quantity", 100)));
    String customer = shop.customer();
    var item = send(http.post("/api/v1/wishlist/items").bearerTokenAuthentication(customer),
      new JsonObject().put("productId", product.getString("id")).put("variantId", variant));
    assertEquals(200, item.statusCode(), item.bodyAsString());
    String itemId = item.bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("id");
    assertAtMost99(send(http.post("/api/v1/wishlist/items/" + itemId + "/move-to-cart").bearerTokenAuthentication(customer),
      new JsonObject().put("quantity", 100)));

    var graphql = send(http.post("/graphql"), new JsonObject()
      .put("query", "mutation($v: ID!) { addToCart(variantId: $v, quantity: 100) { __typename ... on Problem { code errors { field message } } } }")
      .put("variables", new JsonObject().put("v", variant)));
    JsonObject problem = graphql.bodyAsJsonObject().getJsonObject("data").getJsonObject("addToCart");
    assertEquals("VALIDATION_FAILED", problem.getString("code"), graphql.bodyAsString());
    assertEquals("quantity", problem.getJsonArray("errors").getJsonObject(0).getString("field"), graphql.bodyAsString());
    assertTrue(problem.getJsonArray("errors").getJsonObject(0).getString("message").contains("99"), graphql.bodyAsString());

    JsonObject schemas = ContractLoader.parse(await(http.get("/api/v1/openapi.yaml").send()).body())
      .getJsonObject("components").getJsonObject("schemas");
    for (String schema : new String[] {"NewCartLine", "CartLineQuantity", "WishlistMove"}) {
      JsonObject quantity = schemas.getJsonObject(schema).getJsonObject("properties").getJsonObject("quantity");
      if (quantity.containsKey("$ref")) {
        quantity = schemas.getJsonObject(quantity.getString("$ref").substring("#/components/schemas/".length()));
      }
      assertEquals(99, quantity.getInteger("maximum"), schema + " in the served contract");
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** VALIDATION_FAILED naming {@code quantity} alone, and saying the shop's limit. */
  private static void assertAtMost99(HttpResponse<Buffer> response) {
    JsonObject problem = assertProblem(response, 400, "VALIDATION_FAILED", "quantity");
    assertEquals(1, problem.getJsonArray("errors").size(), problem.encode());
    assertTrue(problem.getJsonArray("errors").getJsonObject(0).getString("message").matches("must be (an integer from 1 to|between 1 and) 99"),
      problem.encode());
  }

  /** A draft product input with one variant per SKU, priced in EUR. */
  static JsonObject product(String slug, String... skus) {
    var variants = new JsonArray();
    for (int i = 0; i < skus.length; i++) {
      variants.add(new JsonObject().put("sku", skus[i]).put("options", new JsonObject().put("size", "S" + i))
        .put("prices", new JsonArray().add(new JsonObject().put("amount", 1000).put("currency", "EUR"))).put("stockOnHand", 3));
    }
    return new JsonObject().put("slug", slug).put("status", "DRAFT").put("defaultLocale", "en")
      .put("translations", new JsonObject().put("en", new JsonObject().put("name", "Rules " + slug)))
      .put("variants", variants);
  }

  private static JsonObject create(JsonObject input) throws Exception {
    var created = send(http.post("/api/v1/admin/products").bearerTokenAuthentication(shop.staffToken()), input);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject();
  }

  /** A problem+json answer with {@code code} whose errors name {@code field}; its body. */
  static JsonObject assertProblem(HttpResponse<Buffer> response, int status, String code, String field) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertEquals("application/problem+json", response.getHeader("content-type"), response.bodyAsString());
    JsonObject problem = response.bodyAsJsonObject();
    assertEquals(code, problem.getString("code"), problem.encode());
    JsonArray errors = problem.getJsonArray("errors");
    assertNotNull(errors, problem.encode());
    assertEquals(field, errors.getJsonObject(0).getString("field"), problem.encode());
    return problem;
  }

  /** Guest tokens of the cart's shape (256 random bits, base64url) that name no cart. */
  private static final class CartTokens {
    static String unknown() {
      byte[] bytes = new byte[32];
      new java.security.SecureRandom().nextBytes(bytes);
      return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
  }

  static HttpResponse<Buffer> await(io.vertx.core.Future<HttpResponse<Buffer>> response) throws Exception {
    return response.await(10, TimeUnit.SECONDS);
  }
}
