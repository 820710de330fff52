package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a black-box probe of a running engine found, end to end through the real gateway, catalog
 * and identity: each used to be a 500 or a wrong answer, and anyone could lock any account out with five wrong passwords.
 */
class ProbeFindingsTest {

  /** What the test engines allow (EngineEnv): far more than the tests open from one address. */
  private static final long NEW_GUEST_CARTS_PER_MINUTE = 10_000_000;

  private static WebClient http;

  @BeforeAll
  static void start() throws Exception {
    http = RunningEngine.client();
  }

  @Test
  void aNulInRegistrationOrLoginIsA400OverRestAndGraphQl() throws Exception {
    String email = "nul-" + UUID.randomUUID() + "@example.com";
    var restName = post("/api/v1/auth/register", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\","
      + "\"name\":\"Ada\\u0000\"}");
    assertEquals(400, restName.statusCode(), restName.bodyAsString());
    assertEquals("VALIDATION_FAILED", restName.bodyAsJsonObject().getString("code"));
    var restLogin = post("/api/v1/auth/login", "{\"email\":\"a\\u0000" + email + "\",\"password\":\"correct horse battery\"}");
    assertEquals(400, restLogin.statusCode(), restLogin.bodyAsString());

    var graphql = post("/graphql", new JsonObject()
      .put("query", "mutation($in:RegisterInput!){register(input:$in){__typename}}")
      .put("variables", new JsonObject().put("in", new JsonObject()
        .put("email", "a\u0000" + email).put("password", "correct horse battery").put("name", "Ada"))).encode());
    assertEquals(200, graphql.statusCode());
    JsonObject error = graphql.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
    assertEquals("VALIDATION_FAILED", error.getJsonObject("extensions").getString("code"), graphql.bodyAsString());
  }

  @Test
  void aNameIsOneLineOfPlainText() throws Exception {
    for (String name : new String[] {"Eve\\r\\nBcc: all@example.com", "Mallory\\u202Etxt.exe", "Tab\\tbed", "\\u2066Isolated\\u2069", "\\uFEFF", " \\u200B\\u200E "}) {
      var refused = post("/api/v1/auth/register", "{\"email\":\"plain-" + UUID.randomUUID() + "@example.com\","
        + "\"password\":\"correct horse battery\",\"name\":\"" + name + "\"}");
      assertEquals(400, refused.statusCode(), name + ": " + refused.bodyAsString());
      assertEquals("name", refused.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"), refused.bodyAsString());
    }
    var accepted = post("/api/v1/auth/register", "{\"email\":\"plain-" + UUID.randomUUID() + "@example.com\","
      + "\"password\":\"correct horse battery\",\"name\":\"Zo\\u00EB \\u0645\\u062D\\u0645\\u062F\"}");
    assertEquals(201, accepted.statusCode(), accepted.bodyAsString());
  }

  /** josé@… typed as NFC and again as NFD (e + U+0301) used to make two accounts. */
  @Test
  void anEmailInAnotherUnicodeFormIsTheSameAccount() throws Exception {
    String local = "jos\u00e9-" + UUID.randomUUID();
    String nfc = local + "@example.com";
    String nfd = local.replace("\u00e9", "e\u0301") + "@example.com";
    var first = post("/api/v1/auth/register", new JsonObject().put("email", nfc)
      .put("password", "correct horse battery").put("name", "Jos\u00e9").encode());
    assertEquals(201, first.statusCode(), first.bodyAsString());

    var second = post("/api/v1/auth/register", new JsonObject().put("email", nfd)
      .put("password", "another horse battery").put("name", "Jose").encode());
    assertEquals(409, second.statusCode(), second.bodyAsString());
    assertEquals("EMAIL_TAKEN", second.bodyAsJsonObject().getString("code"));
    var login = login(http, "/api/v1/auth/login", nfd, "correct horse battery");
    assertEquals(200, login.statusCode(), login.bodyAsString());
    var me = http.get("/api/v1/me").bearerTokenAuthentication(login.bodyAsJsonObject().getString("accessToken")).send()
      .await(10, TimeUnit.SECONDS);
    assertEquals(nfc, me.bodyAsJsonObject().getString("email"));
  }

  @Test
  void anEmailsLocalPartHoldsOnlyWhatAnAddressAllowsUnquoted() throws Exception {
    for (String local : new String[] {"<script>", "a(b)", "a\"b", "a,b", "a;b", "a:b", "a[b]", "a\\b"}) {
      String email = local + UUID.randomUUID() + "@ex.com";
      var refused = post("/api/v1/auth/register", new JsonObject().put("email", email)
        .put("password", "correct horse battery").put("name", "Ada").encode());
      assertEquals(400, refused.statusCode(), local + ": " + refused.bodyAsString());
      assertInvalid(refused, "email", "must be a valid e-mail address of at most 254 characters");
      var reset = post("/api/v1/auth/password-reset", new JsonObject().put("email", email).encode());
      assertEquals(400, reset.statusCode(), local + ": " + reset.bodyAsString());
    }
    String internationalised = "\u0645\u062d\u0645\u062f.o'brien+" + UUID.randomUUID() + "@b\u00fccher.example";
    var accepted = post("/api/v1/auth/register", new JsonObject().put("email", internationalised)
      .put("password", "correct horse battery").put("name", "Ada").encode());
    assertEquals(201, accepted.statusCode(), accepted.bodyAsString());
  }

  /**
   * Two tabs refreshing at once, or a client retrying after a timeout, used to get [200, 401] and
   * lose the winner's session too (the reuse was taken for theft). Within the reuse grace both get a
   * session; a rotated token presented after it still revokes the family.
   */
  @Test
  void twoConcurrentRefreshesWithOneTokenBothGetASessionAndALateReuseStillRevokes() throws Exception {
    String email = "refresh-race-" + UUID.randomUUID() + "@example.com";
    var registered = post("/api/v1/auth/register", new JsonObject().put("email", email)
      .put("password", "correct horse battery").put("name", "Ada").encode());
    assertEquals(201, registered.statusCode(), registered.bodyAsString());
    String token = login(http, "/api/v1/auth/login", email, "correct horse battery").bodyAsJsonObject().getString("refreshToken");
    String body = new JsonObject().put("refreshToken", token).encode();

    var both = List.of(
      http.post("/api/v1/auth/refresh").putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(body)),
      http.post("/api/v1/auth/refresh").putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(body)));
    List<JsonObject> sessions = new java.util.ArrayList<>();
    for (var answer : both) {
      var response = answer.await(10, TimeUnit.SECONDS);
      assertEquals(200, response.statusCode(), response.bodyAsString());
      sessions.add(response.bodyAsJsonObject());
    }
    assertTrue(!sessions.get(0).getString("refreshToken").equals(sessions.get(1).getString("refreshToken")));
    List<String> next = new java.util.ArrayList<>();
    for (JsonObject session : sessions) {
      var me = http.get("/api/v1/me").bearerTokenAuthentication(session.getString("accessToken")).send().await(10, TimeUnit.SECONDS);
      assertEquals(200, me.statusCode(), me.bodyAsString());
      var again = post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", session.getString("refreshToken")).encode());
      assertEquals(200, again.statusCode(), "both sessions go on: " + again.bodyAsString());
      next.add(again.bodyAsJsonObject().getString("refreshToken"));
    }

    // the same token once the grace (auth.refreshReuseGraceSeconds, 10 s) is over: taken for theft
    Vertx vertx = Vertx.vertx();
    try {
      var identity = io.kinetic.kernel.pg.PgPools.create(vertx, RunningEngine.pgUrl(), 1, "identity");
      identity.preparedQuery("UPDATE refresh_token SET revoked_at = revoked_at - interval '11 seconds'"
          + " WHERE token_hash = sha256(convert_to($1, 'UTF8'))")
        .execute(io.vertx.sqlclient.Tuple.of(token)).await(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
    var late = post("/api/v1/auth/refresh", body);
    assertEquals(401, late.statusCode(), late.bodyAsString());
    assertEquals("TOKEN_INVALID", late.bodyAsJsonObject().getString("code"));
    for (String revoked : next) {
      var refused = post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", revoked).encode());
      assertEquals(401, refused.statusCode(), "the whole family is revoked: " + refused.bodyAsString());
    }
  }

  @Test
  void aForgedCursorIsInvalidCursorNotA500() throws Exception {
    var first = get("/api/v1/products?limit=2");
    assertEquals(200, first.statusCode());
    String cursor = first.bodyAsJsonObject().getString("nextCursor");
    assertNotNull(cursor);
    assertEquals(200, get("/api/v1/products?limit=2&after=" + cursor).statusCode(), "a cursor the engine gave out");

    // the unkeyed CRC32 cursor an attacker could make before, with a time PostgreSQL cannot hold
    String payload = "NEWEST\n\n" + UUID.randomUUID() + "\n+294277-01-01T00:00:00Z";
    var crc = new CRC32();
    crc.update(payload.getBytes(StandardCharsets.UTF_8));
    String forged = Base64.getUrlEncoder().withoutPadding()
      .encodeToString((Long.toHexString(crc.getValue()) + "\n" + payload).getBytes(StandardCharsets.UTF_8));
    for (String bad : new String[] {forged, cursor.substring(0, cursor.length() - 3) + "AAA"}) {
      var refused = get("/api/v1/products?limit=2&after=" + bad);
      assertEquals(400, refused.statusCode(), refused.bodyAsString());
      assertEquals("INVALID_CURSOR", refused.bodyAsJsonObject().getString("code"));
    }
    var graphql = post("/graphql", new JsonObject().put("query", "query($a:String){products(first:2, after:$a){edges{cursor}}}")
      .put("variables", new JsonObject().put("a", forged)).encode());
    JsonObject result = graphql.bodyAsJsonObject();
    assertEquals("INVALID_CURSOR", result.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code"));
  }

  @Test
  void failedLoginsFromOneAddressLockOnlyThatAddressOutStaffAndCustomersAlike() throws Exception {
    String email = "lockout-" + UUID.randomUUID() + "@example.com";
    var registered = post("/api/v1/auth/register", new JsonObject().put("email", email)
      .put("password", "correct horse battery").put("name", "Ada").encode());
    assertEquals(201, registered.statusCode(), registered.bodyAsString());
    Vertx vertx = Vertx.vertx();
    try {
      // loopback addresses of their own, so that a run leaves nothing behind that the next one meets
      WebClient attacker = clientFrom(vertx, loopback());
      WebClient owner = clientFrom(vertx, loopback());
      assertOnlyTheGuesserIsLocked(attacker, owner, "/api/v1/admin/auth/login", RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD);
      assertOnlyTheGuesserIsLocked(attacker, owner, "/api/v1/auth/login", email, "correct horse battery");
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static void assertOnlyTheGuesserIsLocked(WebClient attacker, WebClient owner, String uri, String email, String password)
    throws Exception {
    for (int i = 0; i < 5; i++) {
      var wrong = login(attacker, uri, email, "wrong password " + i);
      assertEquals(401, wrong.statusCode(), uri + " " + wrong.bodyAsString());
    }
    var limited = login(attacker, uri, email, password);
    assertEquals(429, limited.statusCode(), uri + " " + limited.bodyAsString());
    assertEquals("RATE_LIMITED", limited.bodyAsJsonObject().getString("code"));
    int retryAfter = Integer.parseInt(limited.getHeader("Retry-After"));
    assertTrue(retryAfter > 0 && retryAfter <= 900, "Retry-After " + retryAfter);

    var fromElsewhere = login(owner, uri, email, password);
    assertEquals(200, fromElsewhere.statusCode(), uri + " " + fromElsewhere.bodyAsString());
    assertNotNull(fromElsewhere.bodyAsJsonObject().getString("accessToken"));
    assertEquals(200, login(http, uri, email, password).statusCode(), uri + " from 127.0.0.1");
    assertEquals(429, login(attacker, uri, email, password).statusCode(), uri + ": the guesser stays locked out");
  }

  /**
   * A guest cart needs no account and holds stock reserved: one client address opens at most
   * cart.newGuestCartsPerMinute new ones a minute. The test engines raise the limit (their tests
   * open many carts from 127.0.0.1), so this address's counter starts just below it.
   */
  @Test
  void oneAddressOpensOnlySoManyGuestCartsAMinute() throws Exception {
    String address = loopback();
    Vertx vertx = Vertx.vertx();
    try {
      RedisAPI redis = RedisAPI.api(Redis.createClient(vertx, TestServices.get().redisUrl()));
      redis.set(List.of("cart:new-ip:" + address, Long.toString(NEW_GUEST_CARTS_PER_MINUTE - 2), "EX", "60"))
        .await(10, TimeUnit.SECONDS);
      WebClient script = clientFrom(vertx, address);
      var first = newCart(script, null);
      assertEquals(201, first.statusCode(), first.bodyAsString());
      String token = first.getHeader("X-Cart-Token");
      var second = newCart(script, null);
      assertEquals(201, second.statusCode(), second.bodyAsString());

      var refused = newCart(script, null);
      assertEquals(429, refused.statusCode(), refused.bodyAsString());
      assertEquals("RATE_LIMITED", refused.bodyAsJsonObject().getString("code"));
      int retryAfter = Integer.parseInt(refused.getHeader("Retry-After"));
      assertTrue(retryAfter > 0 && retryAfter <= 60, "Retry-After " + retryAfter);
      var addToNone = script.post(RunningEngine.httpPort(), "127.0.0.1", "/api/v1/cart/lines")
        .putHeader("content-type", "application/json")
        .sendBuffer(Buffer.buffer(new JsonObject().put("variantId", UUID.randomUUID().toString()).put("quantity", 1).encode()))
        .await(10, TimeUnit.SECONDS);
      assertEquals(429, addToNone.statusCode(), "a first line without a cart opens one: " + addToNone.bodyAsString());
      var graphql = script.post(RunningEngine.httpPort(), "127.0.0.1", "/graphql").putHeader("content-type", "application/json")
        .sendBuffer(Buffer.buffer(new JsonObject().put("query", "mutation{createCart{__typename ... on Problem{code}}}").encode()))
        .await(10, TimeUnit.SECONDS);
      assertEquals("RATE_LIMITED", graphql.bodyAsJsonObject().getJsonObject("data").getJsonObject("createCart").getString("code"),
        graphql.bodyAsString());

      var own = newCart(script, token);
      assertEquals(200, own.statusCode(), "its live cart still answers: " + own.bodyAsString());
      String another = loopback();
      assertEquals(201, newCart(clientFrom(vertx, another), null).statusCode(), "another address opens carts");
      // its first cart started its window: the counter lapses within the minute (an address is never locked out for good)
      long ttl = redis.ttl("cart:new-ip:" + another).await(10, TimeUnit.SECONDS).toLong();
      assertTrue(ttl > 0 && ttl <= 60, "the new address's window: " + ttl + " s");
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static HttpResponse<Buffer> newCart(WebClient client, String token) throws Exception {
    var request = client.post(RunningEngine.httpPort(), "127.0.0.1", "/api/v1/cart");
    if (token != null) {
      request.putHeader("X-Cart-Token", token);
    }
    return request.send().await(10, TimeUnit.SECONDS);
  }

  private static HttpResponse<Buffer> login(WebClient client, String uri, String email, String password) throws Exception {
    return client.post(RunningEngine.httpPort(), "127.0.0.1", uri).putHeader("content-type", "application/json")
      .sendBuffer(Buffer.buffer(new JsonObject().put("email", email).put("password", password).encode())).await(10, TimeUnit.SECONDS);
  }

  private static WebClient clientFrom(Vertx vertx, String localAddress) {
    return WebClient.create(vertx, new WebClientOptions().setLocalAddress(localAddress));
  }

  /**
   * A GraphQL currency argument has no length limit: a cart or wishlist asked for a currency that is
   * no code at all is refused as invalid, as REST refuses it, without echoing the input (200 KB came
   * back in the answer); a real code the shop does not sell is named.
   */
  @Test
  void aCurrencyThatIsNoCodeIsRefusedAsInvalidAndNotEchoed() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      WebClient client = clientFrom(vertx, loopback());
      String query = "mutation($c:String){createCart(currency:$c){__typename ... on Problem{code message}}}";
      for (String bad : List.of("x".repeat(200_000), "eur", "<script>alert(1)</script>\u202e")) {
        var answer = client.post(RunningEngine.httpPort(), "127.0.0.1", "/graphql").putHeader("content-type", "application/json")
          .sendBuffer(Buffer.buffer(new JsonObject().put("query", query).put("variables", new JsonObject().put("c", bad)).encode()))
          .await(10, TimeUnit.SECONDS);
        var problem = answer.bodyAsJsonObject().getJsonObject("data").getJsonObject("createCart");
        assertEquals("VALIDATION_FAILED", problem.getString("code"), answer.bodyAsString().substring(0, Math.min(500, answer.bodyAsString().length())));
        assertTrue(answer.body().length() < 1_000, "the input is not echoed: " + answer.body().length() + " bytes");
      }
      var yen = client.post(RunningEngine.httpPort(), "127.0.0.1", "/graphql").putHeader("content-type", "application/json")
        .sendBuffer(Buffer.buffer(new JsonObject().put("query", query).put("variables", new JsonObject().put("c", "JPY")).encode()))
        .await(10, TimeUnit.SECONDS);
      assertEquals("CURRENCY_NOT_SUPPORTED", yen.bodyAsJsonObject().getJsonObject("data").getJsonObject("createCart").getString("code"),
        yen.bodyAsString());
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static String loopback() {
    var random = ThreadLocalRandom.current();
    return "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
  }

  @Test
  void staffSearchTheirProductsForTheTextAsTypedAndQueryValuesAreNeverJson() throws Exception {
    String token = new Shop(http, RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD).staffToken();
    // letters only, so that no word searched for below matches it
    String unique = UUID.randomUUID().toString().substring(0, 8).chars()
      .collect(StringBuilder::new, (b, c) -> b.append((char) (Character.isDigit(c) ? 'g' + c - '0' : c)), StringBuilder::append)
      .toString();
    String sale = product(token, "probe-sale-" + unique, "Tee 50% off " + unique);
    String plain = product(token, "probe-plain-" + unique, "Tee 500 " + unique);
    String vinyl = product(token, "probe-vinyl-" + unique, "12\" vinyl " + unique);
    String backslash = product(token, "probe-slash-" + unique, "A\\B {} " + unique);

    // percent-encoded as a browser sends them: '%' and '"' are text, and LIKE's '%' is no wildcard
    assertEquals(Set.of(sale), adminSearch(token, "50%25%20" + unique));
    assertEquals(Set.of(sale, plain), adminSearch(token, "50%20" + unique));
    assertEquals(Set.of(vinyl), adminSearch(token, "12%22%20vinyl%20" + unique));
    assertEquals(Set.of(vinyl), adminSearch(token, "12%22+" + unique));
    assertEquals(Set.of(backslash), adminSearch(token, "a%5Cb%20" + unique));
    assertEquals(Set.of(backslash), adminSearch(token, "%7B%7D%20" + unique));

    // a typed parameter takes no JSON either: "EUR" in quotes is no currency, and nothing is MALFORMED_JSON
    for (String uri : new String[] {"/api/v1/products?currency=%22EUR%22", "/api/v1/products?sort=%25",
      "/api/v1/products?sort=%22name%22", "/api/v1/products?limit=%25"}) {
      var refused = get(uri);
      assertEquals(400, refused.statusCode(), uri + ": " + refused.bodyAsString());
      assertEquals("VALIDATION_FAILED", refused.bodyAsJsonObject().getString("code"), uri + ": " + refused.bodyAsString());
    }
  }

  /** A draft product named {@code name}: its id. */
  private static String product(String token, String slug, String name) throws Exception {
    var input = new JsonObject().put("slug", slug).put("status", "DRAFT").put("defaultLocale", "en")
      .put("translations", new JsonObject().put("en", new JsonObject().put("name", name)))
      .put("variants", new JsonArray().add(new JsonObject().put("sku", slug.toUpperCase())));
    var created = Shop.send(http.post("/api/v1/admin/products").bearerTokenAuthentication(token), input);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject().getString("id");
  }

  /**
   * The warehouse's count is the staff's: a shopper's product (REST and GraphQL, cached publicly)
   * tells what can still be put in a cart ({@code available}), never {@code stockOnHand}.
   */
  @Test
  void shoppersSeeWhatIsAvailableNeverTheStockOnHand() throws Exception {
    var shop = new Shop(http, RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD);
    JsonObject product = shop.product("PUBLISHED", 150);
    String id = product.getString("id");
    assertEquals(150, product.getJsonArray("variants").getJsonObject(0).getInteger("stockOnHand"), "staff see it");

    var rest = get("/api/v1/products/" + id);
    assertEquals(200, rest.statusCode(), rest.bodyAsString());
    JsonObject variant = rest.bodyAsJsonObject().getJsonArray("variants").getJsonObject(0);
    assertEquals(150, variant.getInteger("available"), rest.bodyAsString());
    assertTrue(!variant.containsKey("stockOnHand"), rest.bodyAsString());
    var bySlug = get("/api/v1/products/by-slug/" + product.getString("slug"));
    assertTrue(!bySlug.bodyAsString().contains("stockOnHand"), bySlug.bodyAsString());

    var graphql = post("/graphql", new JsonObject().put("query", "query($id:ID!){product(id:$id){variants{available}}}")
      .put("variables", new JsonObject().put("id", id)).encode());
    assertEquals(150, graphql.bodyAsJsonObject().getJsonObject("data").getJsonObject("product").getJsonArray("variants")
      .getJsonObject(0).getInteger("available"), graphql.bodyAsString());
    var asked = post("/graphql", new JsonObject().put("query", "query($id:ID!){product(id:$id){variants{stockOnHand}}}")
      .put("variables", new JsonObject().put("id", id)).encode());
    assertNotNull(asked.bodyAsJsonObject().getJsonArray("errors"), "no such field in the shop's schema: " + asked.bodyAsString());
    assertTrue(!asked.bodyAsString().contains("150"), asked.bodyAsString());

    var admin = http.post("/admin/graphql").bearerTokenAuthentication(shop.staffToken()).putHeader("content-type", "application/json")
      .sendBuffer(Buffer.buffer(new JsonObject().put("query", "query($id:ID!){adminProduct(id:$id){variants{stockOnHand available}}}")
        .put("variables", new JsonObject().put("id", id)).encode())).await(10, TimeUnit.SECONDS);
    JsonObject adminVariant = admin.bodyAsJsonObject().getJsonObject("data").getJsonObject("adminProduct").getJsonArray("variants")
      .getJsonObject(0);
    assertEquals(150, adminVariant.getInteger("stockOnHand"), admin.bodyAsString());
    var adminRest = http.get("/api/v1/admin/products/" + id).bearerTokenAuthentication(shop.staffToken()).send().await(10, TimeUnit.SECONDS);
    assertEquals(150, adminRest.bodyAsJsonObject().getJsonArray("variants").getJsonObject(0).getInteger("stockOnHand"));
  }

  /** A refusal names the parameter as the request spelled it (it named the context's own word: cartProductIds, query). */
  @Test
  void aRefusedParameterIsNamedAsTheRequestSpellsIt() throws Exception {
    var cart = get("/api/v1/recommendations?situation=cart");
    assertEquals(400, cart.statusCode(), cart.bodyAsString());
    assertEquals("cart", cart.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"), cart.bodyAsString());
    String token = new Shop(http, RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD).staffToken();
    var words = http.get("/api/v1/admin/products?q=a%20b%20c%20d%20e%20f%20g%20h%20i").bearerTokenAuthentication(token)
      .send().await(10, TimeUnit.SECONDS);
    assertEquals(400, words.statusCode(), words.bodyAsString());
    assertEquals("q", words.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"), words.bodyAsString());
  }

  /** A draft's slug is answered as an unknown slug is: the draft's id stays unsaid (it was in the detail). */
  @Test
  void aDraftsSlugIsAnsweredAsAnUnknownOne() throws Exception {
    var draft = new Shop(http, RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD).product("DRAFT", 1);
    var hidden = get("/api/v1/products/by-slug/" + draft.getString("slug"));
    assertEquals(404, hidden.statusCode(), hidden.bodyAsString());
    assertEquals("PRODUCT_NOT_FOUND", hidden.bodyAsJsonObject().getString("code"));
    assertFalse(hidden.bodyAsString().contains(draft.getString("id")), hidden.bodyAsString());
    assertEquals("no product with slug " + draft.getString("slug"), hidden.bodyAsJsonObject().getString("detail"));
    var graphql = http.post("/graphql").putHeader("content-type", "application/json")
      .sendBuffer(Buffer.buffer(new JsonObject().put("query", "query($s:String!){productBySlug(slug:$s){id}}")
        .put("variables", new JsonObject().put("s", draft.getString("slug"))).encode())).await(10, TimeUnit.SECONDS);
    assertFalse(graphql.bodyAsString().contains(draft.getString("id")), graphql.bodyAsString());
  }

  /**
   * A product image is an http(s) URL or a path of the shop's own site: anything else (a
   * javascript: URL) would end up in the storefront's img src and og:image.
   */
  @Test
  void aProductImageIsAnHttpUrlOrAMediaPath() throws Exception {
    String token = new Shop(http, RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD).staffToken();
    for (String url : new String[] {"javascript:alert(1)", "JavaScript:alert(1)", "data:image/svg+xml,<svg/>", "//evil.example/x.jpg",
      "/media/../admin/x.jpg", "/media/%2e%2e/%2e%2e/api/v1/admin/me", "/media/.%2e/x.png", "/media/%2E%2E/x.png", "/media/%2e/x.png", "http:x.jpg", "ftp://example.com/x.jpg", "x.jpg", "https://exa mple.com/x.jpg"}) {
      String slug = "probe-media-" + UUID.randomUUID().toString().substring(0, 8);
      var refused = Shop.send(http.post("/api/v1/admin/products").bearerTokenAuthentication(token), mediaProduct(slug, url));
      assertEquals(400, refused.statusCode(), url + ": " + refused.bodyAsString());
      JsonObject problem = refused.bodyAsJsonObject();
      assertEquals("VALIDATION_FAILED", problem.getString("code"), url + ": " + refused.bodyAsString());
      assertEquals("media[0].url", problem.getJsonArray("errors").getJsonObject(0).getString("field"), url + ": " + refused.bodyAsString());
    }
    var graphql = http.post("/admin/graphql").bearerTokenAuthentication(token).putHeader("content-type", "application/json")
      .sendBuffer(Buffer.buffer(new JsonObject().put("query", "mutation($in:ProductInput!){createProduct(input:$in){__typename"
          + " ... on Problem{code errors{field}}}}")
        .put("variables", new JsonObject().put("in", new JsonObject().put("slug", "probe-media-" + UUID.randomUUID().toString().substring(0, 8))
          .put("status", "DRAFT").put("defaultLocale", "en")
          .put("translations", new JsonArray().add(new JsonObject().put("locale", "en").put("name", "Media probe")))
          .put("media", new JsonArray().add(new JsonObject().put("url", "javascript:alert(1)")))
          .put("variants", new JsonArray().add(new JsonObject().put("sku", "PROBE-MEDIA-" + UUID.randomUUID().toString().substring(0, 8))))))
        .encode())).await(10, TimeUnit.SECONDS);
    JsonObject created = graphql.bodyAsJsonObject().getJsonObject("data").getJsonObject("createProduct");
    assertEquals("VALIDATION_FAILED", created.getString("code"), graphql.bodyAsString());
    assertEquals("media[0].url", created.getJsonArray("errors").getJsonObject(0).getString("field"), graphql.bodyAsString());

    for (String url : new String[] {"https://cdn.example.com/images/tee.jpg?w=640", "HTTP://example.com/a.png", "/media/0a1b2c-1280.jpg",
      "/images/imported/tee.jpg"}) {
      String slug = "probe-media-" + UUID.randomUUID().toString().substring(0, 8);
      var accepted = Shop.send(http.post("/api/v1/admin/products").bearerTokenAuthentication(token), mediaProduct(slug, url));
      assertEquals(201, accepted.statusCode(), url + ": " + accepted.bodyAsString());
    }
  }

  private static JsonObject mediaProduct(String slug, String url) {
    return new JsonObject().put("slug", slug).put("status", "DRAFT").put("defaultLocale", "en")
      .put("translations", new JsonObject().put("en", new JsonObject().put("name", "Media probe")))
      .put("media", new JsonArray().add(new JsonObject().put("url", url).put("alt", "x")))
      .put("variants", new JsonArray().add(new JsonObject().put("sku", slug.toUpperCase())));
  }

  /** The ids of the products an admin search for {@code encodedQuery} finds. */
  private static Set<String> adminSearch(String token, String encodedQuery) throws Exception {
    var page = http.get("/api/v1/admin/products?limit=100&q=" + encodedQuery).bearerTokenAuthentication(token).send()
      .await(10, TimeUnit.SECONDS);
    assertEquals(200, page.statusCode(), encodedQuery + ": " + page.bodyAsString());
    return page.bodyAsJsonObject().getJsonArray("items").stream().map(p -> ((JsonObject) p).getString("id"))
      .collect(Collectors.toSet());
  }

  /**
   * A 405 says which methods the path takes (RFC 9110, 15.5.6: {@code Allow}), for the contract's
   * operations, GraphQL, the webhook and the shop's pages alike; a GET of a POST-only operation is
   * such a 405 too (it was a 404: the static files' route claimed GET for every path).
   */
  @Test
  void aMethodNotAllowedSaysWhichMethodsThePathTakes() throws Exception {
    String product = get("/api/v1/products?limit=1").bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("id");
    assertAllows("DELETE", "/api/v1/products/" + product, "GET, HEAD");
    assertAllows("PUT", "/graphql", "GET, POST");
    assertAllows("GET", "/webhooks/stripe", "POST");
    assertAllows("GET", "/api/v1/auth/login", "POST");
    assertAllows("POST", "/", "GET, HEAD");
    assertAllows("POST", "/health/live", "GET, HEAD");
    // what Allow names is answered
    assertEquals(200, send("HEAD", "/api/v1/products/" + product).statusCode());
    assertEquals(200, send("HEAD", "/").statusCode());
    // a path no route takes is no resource, whatever the method
    assertEquals(404, send("DELETE", "/api/v1/no-such-thing").statusCode());
  }

  private static void assertAllows(String method, String uri, String allowed) throws Exception {
    var refused = send(method, uri);
    assertEquals(405, refused.statusCode(), method + " " + uri + ": " + refused.bodyAsString());
    assertEquals(allowed, refused.getHeader("Allow"), method + " " + uri);
    assertEquals("METHOD_NOT_ALLOWED", refused.bodyAsJsonObject().getString("code"));
    assertEquals(refused.getHeader("X-Correlation-Id"), refused.bodyAsJsonObject().getString("correlationId"));
  }

  /**
   * A request line of another HTTP version ({@code HTTP/2.0} as text on an HTTP/1 connection) is
   * 505 problem+json, not a bare 501 from the codec, and no error of the server; a later HTTP/1
   * minor version is read as HTTP/1.1 (RFC 9110, 2.5).
   */
  @Test
  void aRequestLineOfAnotherHttpVersionIs505ProblemJson() throws Exception {
    var logged = new java.util.concurrent.CopyOnWriteArrayList<String>();
    var capture = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord record) {
        String logger = String.valueOf(record.getLoggerName());
        if (record.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()
          && (logger.startsWith("io.vertx.core.http") || logger.startsWith("io.netty") || logger.startsWith("io.kinetic.gateway"))) {
          logged.add(logger + ": " + record.getMessage());
        }
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    java.util.logging.Logger.getLogger("").addHandler(capture);
    try {
      RawAnswer answer = exchange("GET / HTTP/2.0\r\nHost: localhost\r\n\r\n");
      assertEquals(505, answer.status(), answer.text());
      assertEquals("application/problem+json", answer.header("content-type"), answer.text());
      JsonObject problem = new JsonObject(answer.body());
      assertEquals("HTTP_VERSION_NOT_SUPPORTED", problem.getString("code"));
      assertNotNull(problem.getString("correlationId"));
      assertEquals(answer.header("x-correlation-id"), problem.getString("correlationId"));
      Thread.sleep(200);
      assertEquals(List.of(), List.copyOf(logged));
    } finally {
      java.util.logging.Logger.getLogger("").removeHandler(capture);
    }
    RawAnswer later = exchange("GET /health/live HTTP/1.2\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assertEquals(200, later.status(), later.text());
  }

  /** A request target that is no path ({@code OPTIONS *}, {@code CONNECT host:port}) is answered with a correlation id like any other. */
  @Test
  void problemsToOptionsStarAndConnectCarryACorrelationId() throws Exception {
    RawAnswer options = exchange("OPTIONS * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assertTrue(options.status() >= 400, options.text());
    String cid = new JsonObject(options.body()).getString("correlationId");
    assertNotNull(cid, options.text());
    assertEquals(cid, options.header("x-correlation-id"));
    RawAnswer connect = exchange("CONNECT localhost:443 HTTP/1.1\r\nHost: localhost:443\r\nX-Correlation-Id: probe-connect-1\r\n"
      + "Connection: close\r\n\r\n");
    assertTrue(connect.status() >= 400, connect.text());
    assertEquals("probe-connect-1", new JsonObject(connect.body()).getString("correlationId"), connect.text());
    assertEquals("probe-connect-1", connect.header("x-correlation-id"));
  }

  /**
   * An integer beyond what a field takes, even beyond 64 bits (2^64), is VALIDATION_FAILED naming
   * the field with its range: a product's {@code version} was "is required", and a query's
   * {@code minPrice} was read as some other number.
   */
  @Test
  void anIntegerOutOfRangeIsRefusedNamingTheFieldAndItsRange() throws Exception {
    String token = new Shop(http, RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD).staffToken();
    String slug = "probe-range-" + UUID.randomUUID().toString().substring(0, 8);
    String id = product(token, slug, "Range " + slug);
    String update = "{\"slug\":\"" + slug + "\",\"status\":\"DRAFT\",\"defaultLocale\":\"en\",\"translations\":{\"en\":{\"name\":\"Range\"}},"
      + "\"variants\":[{\"sku\":\"" + slug.toUpperCase() + "\"}],\"version\":18446744073709551616}";
    var version = http.put("/api/v1/admin/products/" + id).bearerTokenAuthentication(token).putHeader("content-type", "application/json")
      .sendBuffer(Buffer.buffer(update)).await(10, TimeUnit.SECONDS);
    assertInvalid(version, "version", "must be an integer from 0 to 9223372036854775807");

    var quantity = post("/api/v1/cart/lines", "{\"variantId\":\"" + UUID.randomUUID() + "\",\"quantity\":18446744073709551616}");
    assertInvalid(quantity, "quantity", "must be an integer from 1 to 99");
    assertInvalid(get("/api/v1/products?minPrice=18446744073709551616"), "minPrice", "must be an integer from 0 to 9223372036854775807");
    // a field the engine keeps as a 32-bit integer says so in the contract: one message for every size
    for (String position : List.of("-1", "2147483648", "1099511627776")) {
      var category = http.post("/api/v1/admin/categories").bearerTokenAuthentication(token).putHeader("content-type", "application/json")
        .sendBuffer(Buffer.buffer("{\"slug\":\"pos-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"names\":{\"en\":\"P\"},"
          + "\"position\":" + position + "}")).await(10, TimeUnit.SECONDS);
      assertInvalid(category, "position", "must be an integer from 0 to 2147483647");
    }
  }

  private static void assertInvalid(HttpResponse<Buffer> response, String field, String message) {
    assertEquals(400, response.statusCode(), response.bodyAsString());
    JsonObject problem = response.bodyAsJsonObject();
    assertEquals("VALIDATION_FAILED", problem.getString("code"), response.bodyAsString());
    assertEquals(new JsonArray().add(new JsonObject().put("field", field).put("message", message)), problem.getJsonArray("errors"),
      response.bodyAsString());
  }

  /** An answer read off a raw connection. */
  private record RawAnswer(String text) {

    int status() {
      return text.startsWith("HTTP/") ? Integer.parseInt(text.substring(9, 12)) : -1;
    }

    String header(String name) {
      for (String line : text.substring(0, Math.max(0, text.indexOf("\r\n\r\n"))).split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }

    String body() {
      return text.substring(text.indexOf("\r\n\r\n") + 4);
    }
  }

  /** Writes {@code request} on a fresh connection and reads until the server closes it. */
  private static RawAnswer exchange(String request) throws Exception {
    try (var socket = new java.net.Socket("127.0.0.1", RunningEngine.httpPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return new RawAnswer(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static HttpResponse<Buffer> send(String method, String uri) throws Exception {
    return http.request(io.vertx.core.http.HttpMethod.valueOf(method), uri).send().await(10, TimeUnit.SECONDS);
  }

  private static HttpResponse<Buffer> get(String uri) throws Exception {
    return http.get(uri).send().await(10, TimeUnit.SECONDS);
  }

  private static HttpResponse<Buffer> post(String uri, String json) throws Exception {
    return http.post(uri).putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(json)).await(10, TimeUnit.SECONDS);
  }
}
