package io.kinetic.gateway;

import static io.kinetic.gateway.GatewayFixture.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.contract.catalog.CreateProduct;
import io.kinetic.kernel.contract.catalog.ListProducts;
import io.kinetic.kernel.contract.catalog.ProductPage;
import io.kinetic.kernel.contract.identity.CustomerView;
import io.kinetic.kernel.contract.identity.Login;
import io.kinetic.kernel.contract.identity.RegisterCustomer;
import io.kinetic.kernel.contract.identity.Tokens;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A NUL (or another C0 control character) in any string a client sends, over REST or GraphQL, is
 * VALIDATION_FAILED naming the field, and never reaches a service (where PostgreSQL answered 22021
 * and the client saw 500). Tab, CR and LF stay allowed.
 */
class ControlCharactersTest {

  private static GatewayFixture gw;

  @BeforeAll
  static void start() throws Exception {
    gw = GatewayFixture.start();
    gw.bus.<RegisterCustomer>on(IdentityApi.REGISTER_CUSTOMER,
      c -> new CustomerView(UUID.randomUUID(), c.email(), c.name(), Instant.now()));
    gw.bus.<Login>on(IdentityApi.LOGIN, login -> new Tokens("access", "refresh", "Bearer", 900));
    gw.bus.<ListProducts>on(CatalogApi.LIST_PRODUCTS, q -> new ProductPage(List.of(), null));
    gw.bus.<CreateProduct>on(CatalogApi.CREATE_PRODUCT, c -> Samples.product(UUID.randomUUID(), c.input().slug(), 1));
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  @Test
  void restRegistrationAndLoginRefuseANulInNameOrEmail() throws Exception {
    int registrations = gw.bus.count(IdentityApi.REGISTER_CUSTOMER);
    int logins = gw.bus.count(IdentityApi.LOGIN);
    assertInvalid(gw.send("POST", "/api/v1/auth/register", null,
      "{\"email\":\"ada\\u0000@example.com\",\"password\":\"pw-pw-pw-pw\",\"name\":\"Ada\"}"), "email");
    assertInvalid(gw.send("POST", "/api/v1/auth/register", null,
      "{\"email\":\"ada@example.com\",\"password\":\"pw-pw-pw-pw\",\"name\":\"Ada\\u0007\"}"), "name");
    assertInvalid(gw.send("POST", "/api/v1/auth/login", null,
      "{\"email\":\"ada@example.com\\u0000\",\"password\":\"pw\"}"), "email");
    assertInvalid(gw.send("POST", "/api/v1/admin/auth/login", null,
      "{\"email\":\"boss@example.com\",\"password\":\"\\u001fpw\"}"), "password");
    assertEquals(registrations, gw.bus.count(IdentityApi.REGISTER_CUSTOMER), "nothing reached identity");
    assertEquals(logins, gw.bus.count(IdentityApi.LOGIN));

    var tabbed = gw.send("POST", "/api/v1/auth/register", null,
      "{\"email\":\"ada@example.com\",\"password\":\"pw\\tpw-pw-pw\",\"name\":\"Ada\\r\\nLovelace\"}");
    assertEquals(201, tabbed.statusCode(), "tab, CR and LF are text: " + tabbed.bodyAsString());
  }

  @Test
  void anUnpairedSurrogateIsRefusedAndAPairIsText() throws Exception {
    int registrations = gw.bus.count(IdentityApi.REGISTER_CUSTOMER);
    // escaped alone (UTF-8 cannot encode it: it would be stored as '?'), and a low one before a high one
    assertInvalid(gw.send("POST", "/api/v1/auth/register", null,
      "{\"email\":\"ada@example.com\",\"password\":\"pw-pw-pw-pw\",\"name\":\"Ada\\ud800\"}"), "name");
    assertInvalid(gw.send("POST", "/api/v1/auth/register", null,
      "{\"email\":\"ada@example.com\",\"password\":\"pw-pw-pw-pw\",\"name\":\"\\udc00\\ud800Ada\"}"), "name");
    // an out-of-range four-byte sequence, which the JSON parser decodes into two low surrogates
    byte[] prefix = "{\"email\":\"ada@example.com\",\"password\":\"pw-pw-pw-pw\",\"name\":\"Ada".getBytes(StandardCharsets.UTF_8);
    Buffer raw = Buffer.buffer().appendBytes(prefix).appendBytes(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})
      .appendString("\"}");
    var outOfRange = gw.http.post("/api/v1/auth/register").putHeader("content-type", "application/json").sendBuffer(raw)
      .await(10, TimeUnit.SECONDS);
    assertEquals(400, outOfRange.statusCode(), outOfRange.bodyAsString());
    assertEquals(registrations, gw.bus.count(IdentityApi.REGISTER_CUSTOMER), "nothing reached identity");
    var paired = gw.send("POST", "/api/v1/auth/register", null,
      "{\"email\":\"ada@example.com\",\"password\":\"pw-pw-pw-pw\",\"name\":\"Ada \\ud83d\\ude00 \uD55C\"}");
    assertEquals(201, paired.statusCode(), "a pair is one character (and Hangul's 0xED bytes are text): " + paired.bodyAsString());
  }

  @Test
  void anUnknownFieldIsNamedAsSent() throws Exception {
    var spaced = gw.send("POST", "/api/v1/auth/register", null,
      "{\"em ail\":\"a@example.com\",\"email\":\"ada@example.com\",\"password\":\"pw-pw-pw-pw\",\"name\":\"Ada\"}");
    assertEquals(400, spaced.statusCode(), spaced.bodyAsString());
    assertEquals("em ail", problem(spaced).getJsonArray("errors").getJsonObject(0).getString("field"), spaced.bodyAsString());
    var nul = gw.send("POST", "/api/v1/auth/register", null,
      "{\"email\\u0000\":\"a@example.com\",\"email\":\"ada@example.com\",\"password\":\"pw-pw-pw-pw\",\"name\":\"Ada\"}");
    assertEquals(400, nul.statusCode(), nul.bodyAsString());
    assertEquals("email?", problem(nul).getJsonArray("errors").getJsonObject(0).getString("field"), nul.bodyAsString());
    var quoted = gw.send("POST", "/api/v1/auth/register", null,
      "{\"a\\\"b\":1,\"email\":\"ada@example.com\",\"password\":\"pw-pw-pw-pw\",\"name\":\"Ada\"}");
    assertEquals(400, quoted.statusCode(), quoted.bodyAsString());
    assertEquals("UNKNOWN_FIELD", problem(quoted).getString("code"), quoted.bodyAsString());
    assertEquals("a\"b", problem(quoted).getJsonArray("errors").getJsonObject(0).getString("field"), quoted.bodyAsString());
  }

  @Test
  void nestedBodyFieldsAndQueryParametersAreNamedByTheirPath() throws Exception {
    var input = new JsonObject().put("slug", "nul-shirt").put("status", "DRAFT").put("defaultLocale", "en")
      .put("translations", new JsonObject().put("en", new JsonObject().put("name", "Shirt\u0000")))
      .put("variants", new JsonArray().add(new JsonObject().put("sku", "NUL-1")
        .put("options", new JsonObject().put("size", "M\u0002"))));
    var created = gw.send("POST", "/api/v1/admin/products", gw.staffToken(UUID.randomUUID(), "catalog"), input.encode());
    assertEquals(400, created.statusCode(), created.bodyAsString());
    JsonArray errors = problem(created).getJsonArray("errors");
    assertEquals(List.of("translations.en.name", "variants[0].options.size"),
      errors.stream().map(e -> ((JsonObject) e).getString("field")).toList());
    assertEquals(0, gw.bus.count(CatalogApi.CREATE_PRODUCT));

    int lists = gw.bus.count(CatalogApi.LIST_PRODUCTS);
    assertInvalid(gw.get("/api/v1/products?after=abc%00def"), "after");
    assertInvalid(gw.get("/api/v1/products?after=abc%0Bdef"), "after");
    assertEquals(lists, gw.bus.count(CatalogApi.LIST_PRODUCTS));
    var undecodable = gw.get("/api/v1/products?after=%zz");
    assertEquals(400, undecodable.statusCode(), undecodable.bodyAsString());
  }

  @Test
  void aLargeBodyIsCheckedAgainstTheContractToo() throws Exception {
    // over 64 KB the contract check runs on a worker thread: the same answer
    var input = new JsonObject().put("slug", "long-shirt").put("status", "DRAFT").put("defaultLocale", "en")
      .put("translations", new JsonObject().put("en", new JsonObject().put("name", "Shirt").put("description", "x".repeat(70_000))))
      .put("variants", new JsonArray().add(new JsonObject().put("sku", "LONG-1")));
    var created = gw.send("POST", "/api/v1/admin/products", gw.staffToken(UUID.randomUUID(), "catalog"), input.encode());
    assertEquals(400, created.statusCode(), created.bodyAsString());
    assertEquals(List.of("translations.en.description"),
      problem(created).getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")).toList());
  }

  @Test
  void graphqlArgumentsAndVariablesRefuseControlCharactersWithATypedError() throws Exception {
    int registrations = gw.bus.count(IdentityApi.REGISTER_CUSTOMER);
    int logins = gw.bus.count(IdentityApi.LOGIN);
    JsonObject literal = gw.graphql("/graphql", null,
      "mutation{login(email:\"ada\\u0000@example.com\", password:\"pw\"){__typename}}", null).bodyAsJsonObject();
    assertGraphQlInvalid(literal, "email");
    JsonObject nested = gw.graphql("/graphql", null,
      "mutation{register(input:{email:\"ada@example.com\", password:\"pw-pw-pw-pw\", name:\"A\\u0001\"}){__typename}}", null)
      .bodyAsJsonObject();
    assertGraphQlInvalid(nested, "input.name");
    JsonObject variables = gw.graphql("/graphql", null,
      "mutation($in:RegisterInput!){register(input:$in){__typename}}",
      new JsonObject().put("in", new JsonObject().put("email", "ada\u0000@example.com").put("password", "pw-pw-pw-pw").put("name", "Ada")))
      .bodyAsJsonObject();
    assertGraphQlInvalid(variables, "variables.in.email");
    assertEquals(registrations, gw.bus.count(IdentityApi.REGISTER_CUSTOMER), "nothing reached identity");
    assertEquals(logins, gw.bus.count(IdentityApi.LOGIN));
  }

  private static void assertInvalid(HttpResponse<Buffer> response, String field) {
    assertEquals(400, response.statusCode(), response.bodyAsString());
    JsonObject problem = problem(response);
    assertEquals("VALIDATION_FAILED", problem.getString("code"));
    assertEquals(field, problem.getJsonArray("errors").getJsonObject(0).getString("field"), problem.encode());
  }

  private static void assertGraphQlInvalid(JsonObject result, String field) {
    assertNull(result.getValue("data"), result.encode());
    JsonObject extensions = result.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions");
    assertEquals("VALIDATION_FAILED", extensions.getString("code"), result.encode());
    assertEquals(field, extensions.getJsonArray("errors").getJsonObject(0).getString("field"), result.encode());
  }
}
