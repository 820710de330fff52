package io.kinetic.server;

import static io.kinetic.server.CartEndToEndTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The customer's address book over REST and GraphQL, as a shop's customers and a hostile one meet it. */
class AddressBookEndToEndTest {

  private static final String BOOK = "/api/v1/me/addresses";
  private static WebClient http;
  private static Shop shop;
  private static Vertx raceVertx;
  private static WebClient racers;

  @BeforeAll
  static void start() throws Exception {
    http = RunningEngine.client();
    shop = new Shop(http, RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD);
    raceVertx = Vertx.vertx();
    racers = WebClient.create(raceVertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(RunningEngine.httpPort()),
      new PoolOptions().setHttp1MaxSize(40));
  }

  @AfterAll
  static void stop() {
    raceVertx.close();
  }

  @Test
  void aCustomerKeepsAddressesWithOneDefaultEach() throws Exception {
    String me = shop.customer();
    assertEquals(0, list(me).size());

    var home = add(me, address("Ada Lovelace", "DE").put("line2", "  ").put("phone", "+49 30 1234567"));
    assertEquals(201, home.statusCode(), home.bodyAsString());
    JsonObject first = home.bodyAsJsonObject();
    assertTrue(first.getBoolean("defaultShipping"), "the first address is the default for shipping");
    assertTrue(first.getBoolean("defaultBilling"), "and for billing");
    assertNull(first.getValue("line2"), "a blank optional field is stored as null");
    assertEquals("Ada Lovelace", first.getString("name"));

    var office = add(me, address("Ada at work", "at").put("defaultShipping", true)).bodyAsJsonObject();
    assertEquals("AT", office.getString("country"), "country codes are kept upper case");
    JsonArray book = list(me);
    assertEquals(List.of(office.getString("id"), first.getString("id")), ids(book), "the default shipping address first");
    assertFalse(book.getJsonObject(1).getBoolean("defaultShipping"), "the previous default stopped being one");
    assertTrue(book.getJsonObject(1).getBoolean("defaultBilling"), "billing kept its default");

    var moved = http.put(BOOK + "/" + first.getString("id")).bearerTokenAuthentication(me)
      .sendJsonObject(address("Ada Lovelace", "DE").put("city", "Hamburg").put("defaultBilling", false)).await(10, TimeUnit.SECONDS);
    assertEquals(200, moved.statusCode(), moved.bodyAsString());
    assertEquals("Hamburg", moved.bodyAsJsonObject().getString("city"));
    assertFalse(moved.bodyAsJsonObject().getBoolean("defaultBilling"));
    assertFalse(moved.bodyAsJsonObject().getBoolean("defaultShipping"), "absent keeps what it was");

    var removed = http.delete(BOOK + "/" + office.getString("id")).bearerTokenAuthentication(me).send().await(10, TimeUnit.SECONDS);
    assertEquals(204, removed.statusCode(), removed.bodyAsString());
    var next = add(me, address("Ada in Paris", "FR")).bodyAsJsonObject();
    assertTrue(next.getBoolean("defaultShipping"), "the book had no default shipping address any more");
    assertTrue(next.getBoolean("defaultBilling"), "nor a default billing address");
    http.delete(BOOK + "/" + next.getString("id")).bearerTokenAuthentication(me).send().await(10, TimeUnit.SECONDS);
    assertEquals(List.of(first.getString("id")), ids(list(me)));
    assertProblem(http.delete(BOOK + "/" + office.getString("id")).bearerTokenAuthentication(me).send().await(10, TimeUnit.SECONDS),
      404, "ADDRESS_NOT_FOUND");
  }

  @Test
  void nobodyReadsOrChangesAnotherCustomersAddresses() throws Exception {
    String owner = shop.customer();
    String other = shop.customer();
    String id = add(owner, address("Owner", "FR")).bodyAsJsonObject().getString("id");

    assertEquals(0, list(other).size());
    assertProblem(http.put(BOOK + "/" + id).bearerTokenAuthentication(other).sendJsonObject(address("Thief", "FR"))
      .await(10, TimeUnit.SECONDS), 404, "ADDRESS_NOT_FOUND");
    assertProblem(http.delete(BOOK + "/" + id).bearerTokenAuthentication(other).send().await(10, TimeUnit.SECONDS),
      404, "ADDRESS_NOT_FOUND");
    assertProblem(http.put(BOOK + "/" + UUID.randomUUID()).bearerTokenAuthentication(owner).sendJsonObject(address("X", "FR"))
      .await(10, TimeUnit.SECONDS), 404, "ADDRESS_NOT_FOUND");
    assertEquals("Owner", list(owner).getJsonObject(0).getString("name"), "unchanged");

    assertProblem(http.get(BOOK).send().await(10, TimeUnit.SECONDS), 401, "UNAUTHENTICATED");
    assertProblem(http.get(BOOK).bearerTokenAuthentication(shop.staffToken()).send().await(10, TimeUnit.SECONDS), 403, "FORBIDDEN");
    assertProblem(http.get(BOOK).bearerTokenAuthentication(other + "x").send().await(10, TimeUnit.SECONDS), 401, "UNAUTHENTICATED");
  }

  @Test
  void badAddressesAreRefusedFieldByField() throws Exception {
    String me = shop.customer();
    var missing = add(me, new JsonObject().put("name", "Only a name").put("country", "DE"));
    assertProblem(missing, 400, "VALIDATION_FAILED");
    var blank = add(me, address("   ", "XX").put("postalCode", "10 115!").put("phone", "call me"));
    assertProblem(blank, 400, "VALIDATION_FAILED");
    assertEquals(List.of("name", "postalCode", "country", "phone"), fields(blank), blank.bodyAsString());
    assertProblem(add(me, address("A", "DE").put("street", "unknown field")), 400, "UNKNOWN_FIELD");
    assertProblem(add(me, address("A".repeat(101), "DE")), 400, "VALIDATION_FAILED");
    // one line of plain text: no line breaks (a mail's text, a CSV cell) and no text-direction
    // overrides (a name that reads otherwise than it is stored, on a packing slip)
    var twoLines = add(me, address("Ada\r\nLovelace", "DE").put("city", "Ber\u202Enil").put("line2", "\u2066flat 3\u2069"));
    assertProblem(twoLines, 400, "VALIDATION_FAILED");
    assertEquals(List.of("name", "line2", "city"), fields(twoLines), twoLines.bodyAsString());
    assertEquals(201, add(me, address("\u0645\u062D\u0645\u062F \u200C\u0639\u0644\u06CC \uD83D\uDC69\u200D\uD83D\uDCBB", "DE")).statusCode(),
      "joiners (Persian, emoji) stay allowed");
    http.delete(BOOK + "/" + list(me).getJsonObject(0).getString("id")).bearerTokenAuthentication(me).send().await(10, TimeUnit.SECONDS);
    assertProblem(http.put(BOOK + "/not-a-uuid").bearerTokenAuthentication(me).sendJsonObject(address("A", "DE"))
      .await(10, TimeUnit.SECONDS), 400, "VALIDATION_FAILED");
    assertEquals(0, list(me).size(), "nothing was saved");
  }

  @Test
  void postalCodesFollowTheCountryAndAreOptionalWhereNoneAreInUse() throws Exception {
    String me = shop.customer();
    // not a German code: refused with an example, the typed code not repeated
    var german = add(me, address("Ada", "DE").put("postalCode", "1011"));
    assertProblem(german, 400, "VALIDATION_FAILED");
    JsonObject error = german.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
    assertEquals("postalCode", error.getString("field"));
    assertEquals("is not a postal code of Germany, such as 10117", error.getString("message"));
    // a British one typed in lower case is kept upper case
    var london = add(me, address("Ada", "GB").put("postalCode", "sw1a 1aa").put("city", "London"));
    assertEquals(201, london.statusCode(), london.bodyAsString());
    assertEquals("SW1A 1AA", london.bodyAsJsonObject().getString("postalCode"));
    // Dubai has no postal codes: none needed, none kept
    var dubai = add(me, address("Ada", "AE").putNull("postalCode").put("city", "Dubai"));
    assertEquals(201, dubai.statusCode(), dubai.bodyAsString());
    assertEquals(null, dubai.bodyAsJsonObject().getString("postalCode"));
    var hongKong = graphql(me, """
      mutation($in: AddressInput!) { saveAddress(input: $in) { __typename ... on Address { country postalCode } } }""",
      new JsonObject().put("in", address("Ada", "HK").put("city", "Hong Kong").put("postalCode", " ")));
    assertEquals(new JsonObject().put("__typename", "Address").put("country", "HK").putNull("postalCode"),
      hongKong.getJsonObject("data").getJsonObject("saveAddress"), hongKong.encode());
    assertEquals(3, list(me).size());
    // GraphQL refuses what REST refuses
    var refused = graphql(me, """
      mutation($in: AddressInput!) { saveAddress(input: $in) { __typename ... on Problem { code } } }""",
      new JsonObject().put("in", address("Ada", "AT").put("postalCode", "10115")));
    assertEquals("VALIDATION_FAILED", refused.getJsonObject("data").getJsonObject("saveAddress").getString("code"), refused.encode());
  }

  @Test
  void thirtyAddsAtOnceFillTheBookToTwentyWithOneDefault() throws Exception {
    String me = shop.customer();
    var adds = new ArrayList<Future<HttpResponse<Buffer>>>();
    for (int i = 0; i < 30; i++) {
      adds.add(racers.post(BOOK).bearerTokenAuthentication(me).sendJsonObject(address("Racer " + i, "DE")));
    }
    Future.join(adds).await(60, TimeUnit.SECONDS);
    var statuses = adds.stream().map(f -> f.result().statusCode()).collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    assertEquals(20L, statuses.get(201), statuses.toString());
    assertEquals(10L, statuses.get(422), statuses.toString());
    JsonArray book = list(me);
    assertEquals(20, book.size());
    assertEquals(1, book.stream().map(JsonObject.class::cast).filter(a -> a.getBoolean("defaultShipping")).count());
    assertEquals(1, book.stream().map(JsonObject.class::cast).filter(a -> a.getBoolean("defaultBilling")).count());
    assertProblem(add(me, address("One too many", "DE")), 422, "ADDRESS_BOOK_FULL");
  }

  @Test
  void theShopGraphQlApiServesTheSameBook() throws Exception {
    String me = shop.customer();
    String other = shop.customer();
    var saved = graphql(me, """
      mutation($in: AddressInput!) { saveAddress(input: $in) { __typename ... on Address { id country defaultShipping } } }""",
      new JsonObject().put("in", address("Grace", "us")));
    JsonObject address = saved.getJsonObject("data").getJsonObject("saveAddress");
    assertEquals("Address", address.getString("__typename"), saved.encode());
    assertEquals("US", address.getString("country"));
    var read = graphql(me, "{ addresses { id name } }", new JsonObject());
    assertEquals(address.getString("id"), read.getJsonObject("data").getJsonArray("addresses").getJsonObject(0).getString("id"));

    var stolen = graphql(other, "mutation($id: ID!) { deleteAddress(id: $id) { __typename ... on Problem { code } } }",
      new JsonObject().put("id", address.getString("id")));
    assertEquals("ADDRESS_NOT_FOUND", stolen.getJsonObject("data").getJsonObject("deleteAddress").getString("code"), stolen.encode());
    var invalid = graphql(me, """
      mutation($in: AddressInput!) { saveAddress(input: $in) { __typename ... on Problem { code } } }""",
      new JsonObject().put("in", address("Grace", "ZZ")));
    assertEquals("VALIDATION_FAILED", invalid.getJsonObject("data").getJsonObject("saveAddress").getString("code"), invalid.encode());
    var anonymous = graphql(null, "{ addresses { id } }", new JsonObject());
    assertEquals("UNAUTHENTICATED", anonymous.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code"));
  }

  private static JsonObject address(String name, String country) {
    return new JsonObject().put("name", name).put("line1", "Unter den Linden 1").put("postalCode", "AT".equalsIgnoreCase(country) ? "1010" : "10117")
      .put("city", "Berlin").put("country", country);
  }

  private static HttpResponse<Buffer> add(String token, JsonObject address) throws Exception {
    return http.post(BOOK).bearerTokenAuthentication(token).sendJsonObject(address).await(10, TimeUnit.SECONDS);
  }

  private static JsonArray list(String token) throws Exception {
    var r = http.get(BOOK).bearerTokenAuthentication(token).send().await(10, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals("no-store", r.getHeader("Cache-Control"), "addresses are personal");
    return r.bodyAsJsonObject().getJsonArray("items");
  }

  private static List<String> ids(JsonArray book) {
    return book.stream().map(a -> ((JsonObject) a).getString("id")).toList();
  }

  private static List<String> fields(HttpResponse<Buffer> problem) {
    return problem.bodyAsJsonObject().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")).toList();
  }

  private static JsonObject graphql(String token, String query, JsonObject variables) throws Exception {
    var request = http.post("/graphql");
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    var r = request.sendJsonObject(new JsonObject().put("query", query).put("variables", variables)).await(10, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }
}
