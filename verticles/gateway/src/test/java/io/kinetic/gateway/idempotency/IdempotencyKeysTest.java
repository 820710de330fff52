package io.kinetic.gateway.idempotency;

import static io.kinetic.gateway.GatewayFixture.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.gateway.GatewayFixture;
import io.kinetic.gateway.Samples;
import io.kinetic.gateway.openapi.ContractLoader;
import io.kinetic.kernel.contract.cart.CartApi;
import io.kinetic.kernel.contract.cart.CartView;
import io.kinetic.kernel.contract.cart.CreateCart;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.CreateProduct;
import io.kinetic.kernel.contract.identity.CustomerView;
import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.contract.identity.RegisterCustomer;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.money.Money;
import io.kinetic.kernel.redis.RedisClients;
import io.kinetic.kernel.testing.TestServices;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Idempotency keys at the HTTP door: a gateway with its real Redis (the test services') in front of
 * a fake catalog, identity and cart that count how often each operation runs.
 */
class IdempotencyKeysTest {

  private static final String KEY = IdempotencyKeys.HEADER;
  private static final String CREATE = """
    mutation($input: ProductInput!) { createProduct(input: $input) {
      __typename ... on AdminProduct { id slug version } ... on Problem { code } } }""";
  /** Waiting requests give up after this; "stuck-" products take longer. */
  private static final long WAIT_MILLIS = 1500;

  private static GatewayFixture gw;
  private static final UUID STAFF = UUID.randomUUID();
  /** How often the fake catalog created each slug. */
  private static final Map<String, AtomicInteger> CREATED = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    gw = GatewayFixture.start(new JsonObject().put("idempotency", new JsonObject().put("waitMillis", WAIT_MILLIS)));
    // the fake catalog: "slow-" takes 300 ms, "stuck-" 3 s, "flaky-" and "limited-" fail the first time, "taken-" always
    gw.vertx.eventBus().<CreateProduct>consumer(CatalogApi.CREATE_PRODUCT.address(), IdempotencyKeysTest::createProduct)
      .completion().await(10, TimeUnit.SECONDS);
    gw.bus.<RegisterCustomer>on(IdentityApi.REGISTER_CUSTOMER, r -> new CustomerView(UUID.randomUUID(), r.email(), r.name(), Instant.now()));
    gw.bus.<CreateCart>on(CartApi.CREATE_CART, c -> cart(c.ref() == null ? "guest-" + UUID.randomUUID() : null,
      c.ref() == null ? null : c.ref().customerId()));
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  private static void createProduct(Message<CreateProduct> message) {
    String slug = message.body().input().slug();
    int run = CREATED.computeIfAbsent(slug, s -> new AtomicInteger()).incrementAndGet();
    Runnable answer = () -> {
      if (slug.startsWith("taken-")) {
        ErrorCode.SLUG_TAKEN.failure("slug taken").replyTo(message);
      } else if (slug.startsWith("flaky-") && run == 1) {
        ErrorCode.SERVICE_UNAVAILABLE.failure("the database is down").replyTo(message);
      } else if (slug.startsWith("limited-") && run == 1) {
        Failure.rateLimited("slow down", 3).replyTo(message);
      } else {
        message.reply(Samples.product(UUID.randomUUID(), slug, 1));
      }
    };
    long delay = slug.startsWith("slow-") ? 300 : slug.startsWith("stuck-") ? 3000 : 0;
    if (delay == 0) {
      answer.run();
    } else {
      gw.vertx.setTimer(delay, id -> answer.run());
    }
  }

  private static CartView cart(String token, UUID customer) {
    Instant now = Instant.now();
    return new CartView(UUID.randomUUID(), token, customer, "EUR", List.of(), 0, Money.of(0, "EUR"), false, null,
      now.plusSeconds(3600), now, 1);
  }

  private static int created(String slug) {
    AtomicInteger runs = CREATED.get(slug);
    return runs == null ? 0 : runs.get();
  }

  private static String productInput(String slug) {
    return new JsonObject().put("slug", slug).put("status", "DRAFT").put("defaultLocale", "en")
      .put("translations", new JsonObject().put("en", new JsonObject().put("name", "Tee").put("description", "d")))
      .put("categoryIds", new JsonArray()).put("attributes", new JsonObject()).put("media", new JsonArray())
      .put("seo", new JsonObject().put("title", "t").put("description", "d"))
      .put("variants", new JsonArray().add(new JsonObject().put("sku", "SKU-" + slug).put("options", new JsonObject().put("size", "M"))
        .put("prices", new JsonArray().add(new JsonObject().put("amount", 1500).put("currency", "EUR"))).put("stockOnHand", 3)))
      .encode();
  }

  /** The GraphQL ProductInput of {@code slug}. */
  private static JsonObject graphQlInput(String slug) {
    return new JsonObject().put("slug", slug).put("status", "DRAFT")
      .put("translations", new JsonArray().add(new JsonObject().put("locale", "en").put("name", "Tee")))
      .put("categoryIds", new JsonArray()).put("attributes", new JsonObject())
      .put("variants", new JsonArray().add(new JsonObject().put("sku", "SKU-" + slug)
        .put("options", new JsonArray().add(new JsonObject().put("key", "size").put("value", "M")))
        .put("prices", new JsonArray().add(new JsonObject().put("amount", 1500).put("currency", "EUR")))));
  }

  private static HttpRequest<Buffer> request(HttpMethod method, String uri, String token, String key) {
    var request = gw.http.request(method, uri).putHeader("content-type", "application/json");
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    if (key != null) {
      request.putHeader(KEY, key);
    }
    return request;
  }

  private static Future<HttpResponse<Buffer>> createAsync(String token, String key, String slug) {
    return request(HttpMethod.POST, "/api/v1/admin/products", token, key).sendBuffer(Buffer.buffer(productInput(slug)));
  }

  private static HttpResponse<Buffer> create(String token, String key, String slug) throws Exception {
    return createAsync(token, key, slug).await(10, TimeUnit.SECONDS);
  }

  private static HttpResponse<Buffer> graphql(String token, String key, String query, JsonObject variables) throws Exception {
    return request(HttpMethod.POST, "/admin/graphql", token, key)
      .sendJsonObject(new JsonObject().put("query", query).put("variables", variables == null ? new JsonObject() : variables))
      .await(10, TimeUnit.SECONDS);
  }

  private static String newKey() {
    return UUID.randomUUID().toString();
  }

  private static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  private static void assertReplayOf(HttpResponse<Buffer> first, HttpResponse<Buffer> again) {
    assertEquals(first.statusCode(), again.statusCode(), again.bodyAsString());
    assertEquals(first.bodyAsString(), again.bodyAsString(), "the replay answers the first body, byte for byte");
    assertEquals(first.getHeader("content-type"), again.getHeader("content-type"));
    assertNull(first.getHeader(IdempotencyKeys.REPLAYED), "the first answer is not a replay");
    assertEquals("true", again.getHeader(IdempotencyKeys.REPLAYED));
    assertNotEquals(first.getHeader("X-Correlation-Id"), again.getHeader("X-Correlation-Id"), "each exchange has its own id");
  }

  // ---- REST ------------------------------------------------------------------------------------

  @Test
  void aRetriedCreateReplaysTheFirstAnswerAndCreatesNothingMore() throws Exception {
    String staff = gw.staffToken(STAFF, "catalog");
    String slug = unique("tee-");
    String key = newKey();
    var first = create(staff, key, slug);
    assertEquals(201, first.statusCode(), first.bodyAsString());
    var again = create(staff, key, slug);
    assertReplayOf(first, again);
    assertEquals("no-store", again.getHeader("Cache-Control"));
    assertEquals(1, created(slug), "the retry created nothing");

    // a new key is a new operation
    var other = create(staff, newKey(), slug);
    assertEquals(201, other.statusCode());
    assertNull(other.getHeader(IdempotencyKeys.REPLAYED));
    assertEquals(2, created(slug));
  }

  @Test
  void registrationsAndGuestCartsReplayTheirHeadersToo() throws Exception {
    String key = newKey();
    String body = "{\"email\":\"ada-" + UUID.randomUUID() + "@example.com\",\"password\":\"a long password\",\"name\":\"Ada\"}";
    int before = gw.bus.count(IdentityApi.REGISTER_CUSTOMER);
    var first = request(HttpMethod.POST, "/api/v1/auth/register", null, key).sendBuffer(Buffer.buffer(body)).await(10, TimeUnit.SECONDS);
    assertEquals(201, first.statusCode(), first.bodyAsString());
    var again = request(HttpMethod.POST, "/api/v1/auth/register", null, key).sendBuffer(Buffer.buffer(body)).await(10, TimeUnit.SECONDS);
    assertReplayOf(first, again);
    assertEquals(before + 1, gw.bus.count(IdentityApi.REGISTER_CUSTOMER), "registered once");

    // a guest cart: the token comes in a header, and the replay carries the same one
    String cartKey = newKey();
    int carts = gw.bus.count(CartApi.CREATE_CART);
    var cart = request(HttpMethod.POST, "/api/v1/cart", null, cartKey).send().await(10, TimeUnit.SECONDS);
    assertEquals(201, cart.statusCode(), cart.bodyAsString());
    assertTrue(cart.getHeader("X-Cart-Token").startsWith("guest-"));
    var cartAgain = request(HttpMethod.POST, "/api/v1/cart", null, cartKey).send().await(10, TimeUnit.SECONDS);
    assertReplayOf(cart, cartAgain);
    assertEquals(cart.getHeader("X-Cart-Token"), cartAgain.getHeader("X-Cart-Token"));
    assertEquals(carts + 1, gw.bus.count(CartApi.CREATE_CART), "one cart");
  }

  @Test
  void theSameKeyForAnotherRequestIsRefused() throws Exception {
    String staff = gw.staffToken(STAFF, "admin");
    String key = newKey();
    String slug = unique("tee-");
    assertEquals(201, create(staff, key, slug).statusCode());

    String otherSlug = unique("tee-");
    var otherBody = create(staff, key, otherSlug);
    assertEquals(422, otherBody.statusCode(), otherBody.bodyAsString());
    assertEquals("IDEMPOTENCY_KEY_REUSED", problem(otherBody).getString("code"));
    assertEquals(0, created(otherSlug), "nothing ran");

    var otherPath = request(HttpMethod.POST, "/api/v1/admin/categories", staff, key)
      .sendBuffer(Buffer.buffer("{\"slug\":\"shirts\",\"names\":{\"en\":\"Shirts\"}}")).await(10, TimeUnit.SECONDS);
    assertEquals(422, otherPath.statusCode(), otherPath.bodyAsString());
    assertEquals("IDEMPOTENCY_KEY_REUSED", problem(otherPath).getString("code"));

    var otherQuery = request(HttpMethod.POST, "/api/v1/admin/products?locale=de", staff, key)
      .sendBuffer(Buffer.buffer(productInput(slug))).await(10, TimeUnit.SECONDS);
    assertEquals(422, otherQuery.statusCode(), otherQuery.bodyAsString());
    assertEquals(1, created(slug));
  }

  @Test
  void twoRequestsAtOnceWithOneKeyRunTheOperationOnce() throws Exception {
    String staff = gw.staffToken(STAFF, "catalog");
    for (int concurrent : new int[] {2, 20}) {
      String slug = unique("slow-");
      String key = newKey();
      var all = new ArrayList<Future<HttpResponse<Buffer>>>();
      for (int i = 0; i < concurrent; i++) {
        all.add(createAsync(staff, key, slug));
      }
      Future.join(all).await(20, TimeUnit.SECONDS);
      assertEquals(1, created(slug), concurrent + " requests with one key ran the operation once");
      Set<String> bodies = ConcurrentHashMap.newKeySet();
      int replayed = 0;
      for (var response : all) {
        var answer = response.result();
        if (answer.statusCode() == 409) {
          assertEquals("IDEMPOTENCY_IN_PROGRESS", problem(answer).getString("code"));
          continue;
        }
        assertEquals(201, answer.statusCode(), answer.bodyAsString());
        bodies.add(answer.bodyAsString());
        replayed += "true".equals(answer.getHeader(IdempotencyKeys.REPLAYED)) ? 1 : 0;
      }
      assertEquals(1, bodies.size(), "every answer is the one answer");
      assertEquals(concurrent - 1, replayed, "the others waited for it (300 ms < idempotency.waitMillis) and replayed it");
    }
  }

  @Test
  void aRequestStillRunningAfterTheWaitLeavesTheOthersInProgress() throws Exception {
    String staff = gw.staffToken(STAFF, "catalog");
    String slug = unique("stuck-");
    String key = newKey();
    var first = createAsync(staff, key, slug);
    Thread.sleep(200);
    long started = System.nanoTime();
    var waiting = create(staff, key, slug);
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertEquals(409, waiting.statusCode(), waiting.bodyAsString());
    assertEquals("IDEMPOTENCY_IN_PROGRESS", problem(waiting).getString("code"));
    assertTrue(waited >= WAIT_MILLIS - 100 && waited < WAIT_MILLIS + 1000, "waited about idempotency.waitMillis: " + waited);
    var done = first.await(10, TimeUnit.SECONDS);
    assertEquals(201, done.statusCode());
    assertReplayOf(done, create(staff, key, slug));
    assertEquals(1, created(slug));
  }

  @Test
  void keysBelongToTheirCaller() throws Exception {
    // two customers, one key, the same request: each gets their own cart
    String key = newKey();
    UUID ada = UUID.randomUUID();
    UUID bob = UUID.randomUUID();
    int carts = gw.bus.count(CartApi.CREATE_CART);
    var adas = request(HttpMethod.POST, "/api/v1/cart", gw.customerToken(ada), key).send().await(10, TimeUnit.SECONDS);
    var bobs = request(HttpMethod.POST, "/api/v1/cart", gw.customerToken(bob), key).send().await(10, TimeUnit.SECONDS);
    assertEquals(200, adas.statusCode(), adas.bodyAsString());
    assertEquals(200, bobs.statusCode(), bobs.bodyAsString());
    assertNull(bobs.getHeader(IdempotencyKeys.REPLAYED), "Bob is not answered Ada's cart");
    assertEquals(ada.toString(), adas.bodyAsJsonObject().getString("customerId"));
    assertEquals(bob.toString(), bobs.bodyAsJsonObject().getString("customerId"));
    assertEquals(carts + 2, gw.bus.count(CartApi.CREATE_CART));
    var adasAgain = request(HttpMethod.POST, "/api/v1/cart", gw.customerToken(ada), key).send().await(10, TimeUnit.SECONDS);
    assertReplayOf(adas, adasAgain);

    // two staff members, one key
    String slug = unique("tee-");
    var first = create(gw.staffToken(UUID.randomUUID(), "catalog"), key, slug);
    var second = create(gw.staffToken(UUID.randomUUID(), "catalog"), key, slug);
    assertEquals(201, first.statusCode());
    assertEquals(201, second.statusCode());
    assertNull(second.getHeader(IdempotencyKeys.REPLAYED));
    assertEquals(2, created(slug));

    // anonymous callers with guest carts: by their cart token
    String guestKey = newKey();
    String body = "{\"email\":\"g-" + UUID.randomUUID() + "@example.com\",\"password\":\"a long password\",\"name\":\"G\"}";
    int registered = gw.bus.count(IdentityApi.REGISTER_CUSTOMER);
    var one = request(HttpMethod.POST, "/api/v1/auth/register", null, guestKey).putHeader("X-Cart-Token", "cart-one")
      .sendBuffer(Buffer.buffer(body)).await(10, TimeUnit.SECONDS);
    var two = request(HttpMethod.POST, "/api/v1/auth/register", null, guestKey).putHeader("X-Cart-Token", "cart-two")
      .sendBuffer(Buffer.buffer(body)).await(10, TimeUnit.SECONDS);
    assertEquals(201, one.statusCode());
    assertNull(two.getHeader(IdempotencyKeys.REPLAYED));
    assertEquals(registered + 2, gw.bus.count(IdentityApi.REGISTER_CUSTOMER));

    // a bearer token that names the scope must be valid
    var forged = request(HttpMethod.POST, "/api/v1/cart", "not-a-token", newKey()).send().await(10, TimeUnit.SECONDS);
    assertEquals(401, forged.statusCode());
  }

  @Test
  void failuresOfTheServiceLeaveTheKeyFreeAndRefusalsAreKept() throws Exception {
    String staff = gw.staffToken(STAFF, "catalog");
    for (String prefix : List.of("flaky-", "limited-")) {
      String slug = unique(prefix);
      String key = newKey();
      var failed = create(staff, key, slug);
      assertTrue(failed.statusCode() == 503 || failed.statusCode() == 429, failed.bodyAsString());
      var retried = create(staff, key, slug);
      assertEquals(201, retried.statusCode(), prefix + ": the retry runs again: " + retried.bodyAsString());
      assertNull(retried.getHeader(IdempotencyKeys.REPLAYED));
      assertEquals(2, created(slug));
      assertReplayOf(retried, create(staff, key, slug));
    }

    String slug = unique("taken-");
    String key = newKey();
    var taken = create(staff, key, slug);
    assertEquals(409, taken.statusCode());
    assertEquals("SLUG_TAKEN", problem(taken).getString("code"));
    assertReplayOf(taken, create(staff, key, slug));
    assertEquals(1, created(slug), "a refusal of the operation is its answer: kept");

    // refused before the operation (access): no key is held, a retry with a proper token runs
    String early = unique("tee-");
    String earlyKey = newKey();
    assertEquals(403, create(gw.customerToken(UUID.randomUUID()), earlyKey, early).statusCode());
    var allowed = create(staff, earlyKey, early);
    assertEquals(201, allowed.statusCode());
    assertNull(allowed.getHeader(IdempotencyKeys.REPLAYED));
  }

  @Test
  void badKeysAreRefusedAndNothingRuns() throws Exception {
    String staff = gw.staffToken(STAFF, "catalog");
    String slug = unique("tee-");
    for (String bad : List.of("", "k".repeat(256), "tab\tkey", "caf\u00e9")) {
      var refused = create(staff, bad, slug);
      assertEquals(400, refused.statusCode(), "'" + bad + "': " + refused.bodyAsString());
      JsonObject problem = problem(refused);
      assertEquals("VALIDATION_FAILED", problem.getString("code"));
      assertTrue(problem.encode().contains(KEY), problem.encode());
    }
    var twice = gw.http.post("/api/v1/admin/products").bearerTokenAuthentication(staff).putHeader("content-type", "application/json")
      .putHeader(KEY, List.of("one", "two")).sendBuffer(Buffer.buffer(productInput(slug))).await(10, TimeUnit.SECONDS);
    assertEquals(400, twice.statusCode(), twice.bodyAsString());
    var graphQl = graphql(staff, "k".repeat(256), CREATE, new JsonObject().put("input", graphQlInput(slug)));
    assertEquals(400, graphQl.statusCode(), graphQl.bodyAsString());
    assertEquals("VALIDATION_FAILED", problem(graphQl).getString("code"));
    assertEquals(0, created(slug));

    // the longest key is fine
    assertEquals(201, create(staff, "k".repeat(255), slug).statusCode());
  }

  @Test
  void withoutAKeyNothingChanges() throws Exception {
    String staff = gw.staffToken(STAFF, "catalog");
    String slug = unique("tee-");
    var first = create(staff, null, slug);
    var second = create(staff, null, slug);
    assertEquals(201, first.statusCode());
    assertEquals(201, second.statusCode());
    assertNull(second.getHeader(IdempotencyKeys.REPLAYED));
    assertNotEquals(first.bodyAsString(), second.bodyAsString());
    assertEquals(2, created(slug));
    // a read with a key is a read
    var read = gw.http.get("/api/v1/openapi.yaml").putHeader(KEY, newKey()).send().await(10, TimeUnit.SECONDS);
    assertEquals(200, read.statusCode());
    assertNull(read.getHeader(IdempotencyKeys.REPLAYED));
  }

  // ---- GraphQL ---------------------------------------------------------------------------------

  @Test
  void aGraphQlMutationWithAKeyRunsOnceAndReplaysItsResponse() throws Exception {
    String staff = gw.staffToken(STAFF, "catalog");
    String slug = unique("tee-");
    String key = newKey();
    var variables = new JsonObject().put("input", graphQlInput(slug));
    var first = graphql(staff, key, CREATE, variables);
    assertEquals(200, first.statusCode());
    assertEquals("AdminProduct", first.bodyAsJsonObject().getJsonObject("data").getJsonObject("createProduct").getString("__typename"));
    var again = graphql(staff, key, CREATE, variables);
    assertReplayOf(first, again);
    assertEquals(1, created(slug));

    var otherVariables = graphql(staff, key, CREATE, new JsonObject().put("input", graphQlInput(unique("tee-"))));
    assertEquals(422, otherVariables.statusCode());
    assertEquals("IDEMPOTENCY_KEY_REUSED", problem(otherVariables).getString("code"));

    // a mutation whose field failed with a 5xx leaves the key free
    String flaky = unique("flaky-");
    String flakyKey = newKey();
    var failed = graphql(staff, flakyKey, CREATE, new JsonObject().put("input", graphQlInput(flaky)));
    assertEquals("SERVICE_UNAVAILABLE", failed.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0)
      .getJsonObject("extensions").getString("code"), failed.bodyAsString());
    var retried = graphql(staff, flakyKey, CREATE, new JsonObject().put("input", graphQlInput(flaky)));
    assertNull(retried.bodyAsJsonObject().getValue("errors"), retried.bodyAsString());
    assertNull(retried.getHeader(IdempotencyKeys.REPLAYED));
    assertEquals(2, created(flaky));
  }

  @Test
  void aKeyCoversOneMutationFieldOnly() throws Exception {
    String staff = gw.staffToken(STAFF, "catalog");
    String a = unique("tee-");
    String b = unique("tee-");
    var variables = new JsonObject().put("a", graphQlInput(a)).put("b", graphQlInput(b));
    var twoFields = graphql(staff, newKey(), """
      mutation($a: ProductInput!, $b: ProductInput!) {
        a: createProduct(input: $a) { __typename } b: createProduct(input: $b) { __typename } }""", variables);
    assertEquals(200, twoFields.statusCode());
    JsonObject error = twoFields.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
    assertEquals("VALIDATION_FAILED", error.getJsonObject("extensions").getString("code"), twoFields.bodyAsString());
    assertEquals(KEY, error.getJsonObject("extensions").getJsonArray("errors").getJsonObject(0).getString("field"));
    assertNull(twoFields.bodyAsJsonObject().getValue("data"));

    var twoOperations = graphql(staff, newKey(), """
      mutation A($a: ProductInput!) { createProduct(input: $a) { __typename } }
      mutation B($b: ProductInput!) { createProduct(input: $b) { __typename } }""", variables);
    assertEquals("VALIDATION_FAILED", twoOperations.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0)
      .getJsonObject("extensions").getString("code"), twoOperations.bodyAsString());
    assertEquals(0, created(a) + created(b), "nothing ran");

    // without the key, the same document runs both (the admin API allows several mutation fields)
    var withoutKey = graphql(staff, null, """
      mutation($a: ProductInput!, $b: ProductInput!) {
        a: createProduct(input: $a) { __typename } b: createProduct(input: $b) { __typename } }""", variables);
    assertNull(withoutKey.bodyAsJsonObject().getValue("errors"), withoutKey.bodyAsString());
    assertEquals(2, created(a) + created(b));

    // the document must come in the body, where the key's check reads it
    var inUrl = request(HttpMethod.POST, "/admin/graphql?query=" + java.net.URLEncoder.encode(
        "mutation{a:deleteCategory(id:\"" + UUID.randomUUID() + "\"){__typename} b:deleteCategory(id:\"" + UUID.randomUUID()
          + "\"){__typename}}", java.nio.charset.StandardCharsets.UTF_8), staff, newKey())
      .sendJsonObject(new JsonObject().put("query", "{ __typename }")).await(10, TimeUnit.SECONDS);
    assertEquals("VALIDATION_FAILED", inUrl.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0)
      .getJsonObject("extensions").getString("code"), inUrl.bodyAsString());
    // an application/graphql body is checked as well
    var plain = gw.http.post("/admin/graphql").bearerTokenAuthentication(staff).putHeader(KEY, newKey())
      .putHeader("content-type", "application/graphql")
      .sendBuffer(Buffer.buffer("mutation{a:deleteCategory(id:\"" + UUID.randomUUID() + "\"){__typename} b:deleteCategory(id:\""
        + UUID.randomUUID() + "\"){__typename}}")).await(10, TimeUnit.SECONDS);
    assertEquals("VALIDATION_FAILED", plain.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0)
      .getJsonObject("extensions").getString("code"), plain.bodyAsString());

    // a query with a key simply runs, every time
    String key = newKey();
    var query = graphql(staff, key, "{ __typename }", null);
    var queryAgain = graphql(staff, key, "{ __typename }", null);
    assertEquals(query.bodyAsString(), queryAgain.bodyAsString());
    assertNull(queryAgain.getHeader(IdempotencyKeys.REPLAYED));
  }

  // ---- contract and storage --------------------------------------------------------------------

  @Test
  void theContractOffersTheKeyOnEveryWriteAndDocumentsItsAnswers() throws Exception {
    Buffer yaml = gw.get("/api/v1/openapi.yaml").body();
    JsonObject document = gw.vertx.<JsonObject>executeBlocking(() -> ContractLoader.parse(yaml)).await(10, TimeUnit.SECONDS);
    JsonObject paths = document.getJsonObject("paths");
    int writes = 0;
    for (String path : paths.fieldNames()) {
      for (var entry : paths.getJsonObject(path)) {
        JsonObject operation = (JsonObject) entry.getValue();
        boolean write = !entry.getKey().equals("get");
        boolean hasKey = operation.getJsonArray("parameters", new JsonArray()).stream()
          .anyMatch(p -> "#/components/parameters/IdempotencyKey".equals(((JsonObject) p).getString("$ref")));
        assertEquals(write, hasKey, entry.getKey() + " " + path);
        if (write) {
          writes++;
          assertTrue(operation.getJsonObject("responses").containsKey("409"), path);
          assertTrue(operation.getJsonObject("responses").containsKey("422"), path);
        }
      }
    }
    assertTrue(writes > 30, "the admin catalogue, auth, staff and cart writes: " + writes);
    JsonObject parameter = document.getJsonObject("components").getJsonObject("parameters").getJsonObject("IdempotencyKey");
    assertEquals("Idempotency-Key", parameter.getString("name"));
    assertEquals("header", parameter.getString("in"));
  }

  @Test
  void aMarkerOfARequestThatNeverFinishedExpires() throws Exception {
    var redis = RedisClients.create(gw.vertx, TestServices.get().redisUrl(), 1, "idempotency-test");
    try {
      // a marker lives 2 s: long enough for the next two steps on a loaded machine (300 ms was not, beside a CI run)
      var store = new KeyStore(redis, 60_000, 2_000);
      String name = "gateway:idempotency:test-" + UUID.randomUUID();
      String crashed = KeyStore.Entry.pending("fp", "crashed");
      assertTrue(store.begin(name, crashed).await(5, TimeUnit.SECONDS));
      assertFalse(store.begin(name, KeyStore.Entry.pending("fp", "retry")).await(5, TimeUnit.SECONDS), "held");
      assertFalse(store.read(name).await(5, TimeUnit.SECONDS).done());
      Thread.sleep(2_200);
      assertNull(store.read(name).await(5, TimeUnit.SECONDS), "the marker expired");
      String retry = KeyStore.Entry.pending("fp", "retry");
      assertTrue(store.begin(name, retry).await(5, TimeUnit.SECONDS), "the key is usable again");
      assertFalse(store.complete(name, crashed, KeyStore.Entry.done("fp", "late")).await(5, TimeUnit.SECONDS),
        "the crashed attempt cannot overwrite the new one's marker");
      assertTrue(store.complete(name, retry, KeyStore.Entry.done("fp", "answer")).await(5, TimeUnit.SECONDS));
      var done = store.read(name).await(5, TimeUnit.SECONDS);
      assertTrue(done.done());
      assertEquals("answer", done.payload());
      assertFalse(store.release(name, retry).await(5, TimeUnit.SECONDS), "an answer is not released");
    } finally {
      redis.close();
    }
  }
}
