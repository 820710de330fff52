package io.kinetic.gateway;

import static io.kinetic.gateway.GatewayFixture.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.contract.Deleted;
import io.kinetic.kernel.contract.identity.CustomerView;
import io.kinetic.kernel.contract.identity.Login;
import io.kinetic.kernel.contract.identity.Logout;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.contract.identity.RegisterCustomer;
import io.kinetic.kernel.contract.identity.Tokens;
import io.kinetic.kernel.error.ErrorCode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Request bodies: JSON syntax, unknown fields, limits, size, and their way onto the bus. */
class RequestBodyTest {

  private static GatewayFixture gw;

  @BeforeAll
  static void start() throws Exception {
    gw = GatewayFixture.start(new JsonObject().put("http", new JsonObject().put("maxBodyBytes", 2048)));
    gw.bus.<RegisterCustomer>on(IdentityApi.REGISTER_CUSTOMER, c -> c.email().startsWith("taken")
      ? ErrorCode.EMAIL_TAKEN.failure("this e-mail is registered")
      : new CustomerView(UUID.randomUUID(), c.email(), c.name(), Instant.parse("2026-11-21T10:00:00Z")));
    gw.bus.<Login>on(IdentityApi.LOGIN, login -> "right".equals(login.password())
      ? new Tokens("access", "refresh", "Bearer", 900)
      : ErrorCode.INVALID_CREDENTIALS.failure("wrong e-mail or password"));
    gw.bus.<Logout>on(IdentityApi.LOGOUT, logout -> new Deleted("gone"));
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  @Test
  void registerAnswers201WithTheCustomer() throws Exception {
    var response = gw.send("POST", "/api/v1/auth/register", null, "{\"email\":\"ada@example.com\",\"password\":\"pw-pw-pw-pw\",\"name\":\"Ada\"}");
    assertEquals(201, response.statusCode(), response.bodyAsString());
    assertEquals("ada@example.com", response.bodyAsJsonObject().getString("email"));
    RegisterCustomer sent = gw.bus.lastBody(IdentityApi.REGISTER_CUSTOMER);
    assertEquals("Ada", sent.name());
  }

  @Test
  void aBusinessFailureKeepsItsCode() throws Exception {
    var response = gw.send("POST", "/api/v1/auth/register", null, "{\"email\":\"taken@example.com\",\"password\":\"pw\",\"name\":\"B\"}");
    assertEquals(409, response.statusCode());
    assertEquals("EMAIL_TAKEN", problem(response).getString("code"));
  }

  @Test
  void loginPassesTheRealmAndTheClientAddress() throws Exception {
    var response = gw.send("POST", "/api/v1/auth/login", null, "{\"email\":\"ada@example.com\",\"password\":\"right\"}");
    assertEquals(200, response.statusCode());
    assertEquals("Bearer", response.bodyAsJsonObject().getString("tokenType"));
    Login login = gw.bus.lastBody(IdentityApi.LOGIN);
    assertEquals(Realm.CUSTOMER, login.realm());
    assertEquals("127.0.0.1", login.clientIp());

    gw.send("POST", "/api/v1/admin/auth/login", null, "{\"email\":\"boss@example.com\",\"password\":\"right\"}");
    assertEquals(Realm.STAFF, gw.bus.<Login>lastBody(IdentityApi.LOGIN).realm());

    var wrong = gw.send("POST", "/api/v1/auth/login", null, "{\"email\":\"ada@example.com\",\"password\":\"nope\"}");
    assertEquals(401, wrong.statusCode());
    assertEquals("INVALID_CREDENTIALS", problem(wrong).getString("code"));
  }

  @Test
  void logoutIs204() throws Exception {
    var response = gw.send("POST", "/api/v1/auth/logout", null, "{\"refreshToken\":\"r\"}");
    assertEquals(204, response.statusCode());
    assertEquals("r", gw.bus.<Logout>lastBody(IdentityApi.LOGOUT).refreshToken());
  }

  @Test
  void malformedJsonIs400MalformedJson() throws Exception {
    var response = gw.send("POST", "/api/v1/auth/login", null, "{\"email\":");
    assertEquals(400, response.statusCode());
    JsonObject problem = problem(response);
    assertEquals("MALFORMED_JSON", problem.getString("code"));
    assertFalse(response.bodyAsString().contains("Exception"));
  }

  @Test
  void anUnknownFieldIs400UnknownFieldNamingIt() throws Exception {
    var response = gw.send("POST", "/api/v1/auth/login", null, "{\"email\":\"a@b.c\",\"password\":\"x\",\"admin\":true}");
    assertEquals(400, response.statusCode());
    JsonObject problem = problem(response);
    assertEquals("UNKNOWN_FIELD", problem.getString("code"));
    assertEquals("admin", problem.getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  void anUnknownFieldInsideAnObjectNamesOnlyItNotItsParent() throws Exception {
    var response = gw.send("POST", "/api/v1/checkout/quote", null, "{\"shippingAddress\":{\"name\":\"x\",\"extra\":1}}");
    assertEquals(400, response.statusCode(), response.bodyAsString());
    JsonObject problem = problem(response);
    assertEquals("UNKNOWN_FIELD", problem.getString("code"), problem.encode());
    assertEquals(1, problem.getJsonArray("errors").size(), "shippingAddress is a known field: " + problem.encode());
    assertEquals("shippingAddress.extra", problem.getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals("unknown field shippingAddress.extra", problem.getString("detail"));
  }

  @Test
  void aMissingRequiredFieldIs400ValidationFailed() throws Exception {
    var response = gw.send("POST", "/api/v1/auth/register", null, "{\"email\":\"a@b.c\",\"password\":\"x\"}");
    assertEquals(400, response.statusCode());
    JsonObject problem = problem(response);
    assertEquals("VALIDATION_FAILED", problem.getString("code"));
    assertEquals("name", problem.getJsonArray("errors").getJsonObject(0).getString("field"), problem.encode());
    assertEquals("is required", problem.getJsonArray("errors").getJsonObject(0).getString("message"));
  }

  @Test
  void aNameLongerThanIdentityAcceptsIsRejectedAtTheEdge() throws Exception {
    int before = gw.bus.count(IdentityApi.REGISTER_CUSTOMER);
    var response = gw.send("POST", "/api/v1/auth/register", null,
      "{\"email\":\"long@example.com\",\"password\":\"pw-pw-pw-pw\",\"name\":\"" + "n".repeat(101) + "\"}");
    assertEquals(400, response.statusCode());
    assertEquals("name", problem(response).getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(before, gw.bus.count(IdentityApi.REGISTER_CUSTOMER));
  }

  @Test
  void anotherMediaTypeIs415() throws Exception {
    var response = gw.http.post("/api/v1/auth/login").putHeader("content-type", "text/xml")
      .sendBuffer(Buffer.buffer("<login/>")).await(10, TimeUnit.SECONDS);
    assertEquals(415, response.statusCode());
    assertEquals("UNSUPPORTED_MEDIA_TYPE", problem(response).getString("code"));
  }

  /** A form's multipart body is of another type: 415, not "a JSON body is required" (a probe finding). */
  @Test
  void aMultipartBodyIs415() throws Exception {
    var response = gw.http.post("/api/v1/auth/login").putHeader("content-type", "multipart/form-data; boundary=x")
      .sendBuffer(Buffer.buffer("--x\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na@b.c\r\n--x--\r\n"))
      .await(10, TimeUnit.SECONDS);
    assertEquals(415, response.statusCode(), response.bodyAsString());
    assertEquals("UNSUPPORTED_MEDIA_TYPE", problem(response).getString("code"));
  }

  /** A media type in capitals is the same type (RFC 9110, 8.3.1): it was 415 (a probe finding). */
  @Test
  void aMediaTypeIsCaseInsensitive() throws Exception {
    for (String type : java.util.List.of("APPLICATION/JSON", "Application/Json; charset=UTF-8")) {
      var response = gw.http.post("/api/v1/auth/login").putHeader("content-type", type)
        .sendBuffer(Buffer.buffer("{\"email\":\"ada@example.com\",\"password\":\"right\"}")).await(10, TimeUnit.SECONDS);
      assertEquals(200, response.statusCode(), type + ": " + response.bodyAsString());
    }
  }

  @Test
  void anOversizedBodyIs413() throws Exception {
    String big = "{\"email\":\"" + "a".repeat(4000) + "\",\"password\":\"x\"}";
    var response = gw.send("POST", "/api/v1/auth/login", null, big);
    assertEquals(413, response.statusCode());
    assertEquals("PAYLOAD_TOO_LARGE", problem(response).getString("code"));
  }
}
