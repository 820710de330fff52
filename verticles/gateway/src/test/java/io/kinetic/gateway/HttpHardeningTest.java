package io.kinetic.gateway;

import static io.kinetic.gateway.GatewayFixture.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.contract.Deleted;
import io.kinetic.kernel.contract.catalog.CategoryList;
import io.kinetic.kernel.contract.catalog.ListCategories;
import io.kinetic.kernel.contract.identity.CustomerView;
import io.kinetic.kernel.contract.identity.GetCustomer;
import io.kinetic.kernel.contract.identity.GetStaff;
import io.kinetic.kernel.contract.identity.Login;
import io.kinetic.kernel.contract.identity.Logout;
import io.kinetic.kernel.contract.identity.RefreshTokens;
import io.kinetic.kernel.contract.identity.RegisterCustomer;
import io.kinetic.kernel.contract.identity.Role;
import io.kinetic.kernel.contract.identity.StaffView;
import io.kinetic.kernel.contract.identity.Tokens;
import io.kinetic.kernel.error.ErrorCode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP edge as a black-box probe saw it: headers on every answer, codec-level refusals, request smuggling. */
class HttpHardeningTest {

  private static GatewayFixture gw;
  private static final UUID STAFF = UUID.randomUUID();

  @BeforeAll
  static void start() throws Exception {
    gw = GatewayFixture.start();
    gw.bus.<ListCategories>on(CatalogApi.LIST_CATEGORIES, q -> new CategoryList(List.of()));
    gw.bus.<Login>on(IdentityApi.LOGIN, login -> login.email().startsWith("limited")
      ? io.kinetic.kernel.error.Failure.rateLimited("too many failed logins, try again later", 840)
      : new Tokens("access", "refresh", "Bearer", 900));
    gw.bus.<RegisterCustomer>on(IdentityApi.REGISTER_CUSTOMER,
      c -> new CustomerView(UUID.randomUUID(), c.email(), c.name(), Instant.now()));
    gw.bus.<RefreshTokens>on(IdentityApi.REFRESH, r -> new Tokens("access", "refresh", "Bearer", 900));
    gw.bus.<Logout>on(IdentityApi.LOGOUT, l -> new Deleted("gone"));
    gw.bus.<GetCustomer>on(IdentityApi.GET_CUSTOMER, g -> new CustomerView(g.id(), "ada@example.com", "Ada", Instant.now()));
    gw.bus.<GetStaff>on(IdentityApi.GET_STAFF, g -> new StaffView(g.id(), "boss@example.com", "Boss", Set.of(Role.ADMIN), true, java.time.Instant.parse("2026-01-01T00:00:00Z")));
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  @Test
  void everyResponseSaysNosniff() throws Exception {
    List<HttpResponse<Buffer>> responses = List.of(
      gw.get("/api/v1/categories"),
      gw.get("/api/v1/no-such-thing"),
      gw.get("/api/v1/products/%zz"),
      gw.get("/"),
      gw.get("/webjars/vue/3.5.13/dist/vue.esm-browser.prod.js"),
      gw.get("/health/live"),
      gw.get("/metrics"),
      gw.get("/api/v1/admin/products"),
      gw.graphql("/graphql", null, "{__typename}", null),
      gw.send("POST", "/api/v1/auth/login", null, "{not json"),
      head("/api/v1/categories"),
      head("/"),
      head("/health/live"),
      head("/webjars/vue/3.5.13/dist/vue.esm-browser.prod.js"),
      head("/no-such-page.js"));
    for (var response : responses) {
      assertEquals("nosniff", response.getHeader("X-Content-Type-Options"), responses.indexOf(response) + ": " + response.statusCode() + " "
        + response.bodyAsString());
      assertEquals(1, response.headers().getAll("X-Content-Type-Options").size(), "once");
    }
  }

  @Test
  void tokensTheCustomerAndStaffDataAreNeverStored() throws Exception {
    String customer = gw.customerToken(UUID.randomUUID());
    String staff = gw.staffToken(STAFF, "admin");
    List<HttpResponse<Buffer>> responses = List.of(
      gw.send("POST", "/api/v1/auth/login", null, "{\"email\":\"a@b.c\",\"password\":\"pw\"}"),
      gw.send("POST", "/api/v1/auth/register", null, "{\"email\":\"a@b.c\",\"password\":\"pw-pw-pw-pw\",\"name\":\"A\"}"),
      gw.send("POST", "/api/v1/auth/refresh", null, "{\"refreshToken\":\"r\"}"),
      gw.send("POST", "/api/v1/admin/auth/login", null, "{\"email\":\"a@b.c\",\"password\":\"pw\"}"),
      gw.get("/api/v1/me", customer),
      gw.get("/api/v1/admin/me", staff),
      gw.get("/api/v1/admin/products"),
      gw.graphql("/admin/graphql", staff, "{me{email}}", null),
      gw.graphql("/graphql", null, "mutation{login(email:\"a@b.c\", password:\"pw\"){__typename}}", null));
    for (var response : responses) {
      assertEquals("no-store", response.getHeader("Cache-Control"), response.statusCode() + " " + response.bodyAsString());
    }
    assertNotEquals("no-store", gw.get("/api/v1/categories").getHeader("Cache-Control"), "public data may be cached");
  }

  @Test
  void aRateLimitedAnswerSaysWhenToRetry() throws Exception {
    var response = gw.send("POST", "/api/v1/auth/login", null, "{\"email\":\"limited@b.c\",\"password\":\"pw\"}");
    assertEquals(429, response.statusCode());
    assertEquals("RATE_LIMITED", problem(response).getString("code"));
    assertEquals("840", response.getHeader("Retry-After"), "when the limit that refused the login ends");
  }

  @Test
  void aTooLongRequestLineIs414ProblemJsonWithACorrelationId() throws Exception {
    var response = gw.get("/api/v1/products?after=" + "a".repeat(6_000));
    assertEquals(414, response.statusCode());
    assertEquals("URI_TOO_LONG", problem(response).getString("code"));
    assertNotNull(response.getHeader("X-Correlation-Id"));
    assertEquals(response.getHeader("X-Correlation-Id"), problem(response).getString("correlationId"));
    assertEquals("nosniff", response.getHeader("X-Content-Type-Options"));
  }

  @Test
  void tooLargeHeadersAre431ProblemJsonWithACorrelationId() throws Exception {
    var response = gw.http.get("/api/v1/categories").putHeader("X-Big", "b".repeat(10_000))
      .send().await(10, TimeUnit.SECONDS);
    assertEquals(431, response.statusCode());
    assertEquals("HEADERS_TOO_LARGE", problem(response).getString("code"));
    assertNotNull(problem(response).getString("correlationId"));
    assertEquals(problem(response).getString("correlationId"), response.getHeader("X-Correlation-Id"));
  }

  /**
   * CL.TE smuggling: a proxy trusting Content-Length sees one request; a server reading chunks
   * would see the logout end at "0" and serve the GET hidden in its body as a second request.
   */
  @Test
  void contentLengthWithTransferEncodingIsRefusedAndTheConnectionClosed() throws Exception {
    int categoriesBefore = gw.bus.count(CatalogApi.LIST_CATEGORIES);
    int logoutsBefore = gw.bus.count(IdentityApi.LOGOUT);
    String smuggled = "GET /api/v1/categories HTTP/1.1\r\nHost: localhost\r\n\r\n";
    String body = "0\r\n\r\n" + smuggled;
    String answer = exchange("POST /api/v1/auth/logout HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
      + "Content-Length: " + body.length() + "\r\nTransfer-Encoding: chunked\r\n\r\n" + body);
    assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
    assertEquals(1, answer.split("HTTP/1.1 ", -1).length - 1, "one answer only, the connection closed after it: " + answer);
    assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
    assertTrue(answer.contains("\"MALFORMED_REQUEST\""), answer);
    assertTrue(answer.toLowerCase().contains("x-correlation-id: "), answer);
    assertEquals(categoriesBefore, gw.bus.count(CatalogApi.LIST_CATEGORIES), "the smuggled request was not served");
    assertEquals(logoutsBefore, gw.bus.count(IdentityApi.LOGOUT));
  }

  @Test
  void otherAmbiguousBodyLengthsAreRefusedToo() throws Exception {
    int logoutsBefore = gw.bus.count(IdentityApi.LOGOUT);
    String json = "{\"refreshToken\":\"r\"}";
    String chunked = Integer.toHexString(json.length()) + "\r\n" + json + "\r\n0\r\n\r\n";
    // HTTP/1.0: the codec keeps both headers
    String http10 = exchange("POST /api/v1/auth/logout HTTP/1.0\r\nHost: localhost\r\nContent-Type: application/json\r\n"
      + "Content-Length: " + chunked.length() + "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked);
    assertTrue(http10.startsWith("HTTP/1.0 400 ") || http10.startsWith("HTTP/1.1 400 "), http10);
    assertTrue(http10.contains("\"MALFORMED_REQUEST\""), http10);
    // a coding before chunked: the length is whatever the proxy thinks it is
    String coded = exchange("POST /api/v1/auth/logout HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
      + "Transfer-Encoding: gzip, chunked\r\n\r\n" + chunked);
    assertTrue(coded.startsWith("HTTP/1.1 400 "), coded);
    assertEquals(1, coded.split("HTTP/1.1 ", -1).length - 1, coded);
    assertEquals(logoutsBefore, gw.bus.count(IdentityApi.LOGOUT));
  }

  /**
   * What the codec lets through but the engine would misread: two Host headers (RFC 9112: 400), a
   * body compressed (not decompressed here: 415), JSON in a charset other than UTF-8 (415 naming
   * it), and a Transfer-Encoding other than chunked said as it is, not as "with Content-Length".
   */
  @Test
  void requestsTheEngineWouldMisreadAreRefusedSayingWhy() throws Exception {
    int logoutsBefore = gw.bus.count(IdentityApi.LOGOUT);
    String json = "{\"refreshToken\":\"r\"}";
    String post = "POST /api/v1/auth/logout HTTP/1.1\r\nHost: localhost\r\n";
    String twoHosts = exchange(post + "Host: other.example\r\nContent-Type: application/json\r\nContent-Length: "
      + json.length() + "\r\n\r\n" + json);
    assertTrue(twoHosts.startsWith("HTTP/1.1 400 "), twoHosts);
    assertTrue(twoHosts.contains("\"MALFORMED_REQUEST\"") && twoHosts.contains("more than one Host header"), twoHosts);
    String twoHostsGet = exchange("GET /api/v1/categories HTTP/1.1\r\nHost: localhost\r\nHost: localhost\r\n\r\n");
    assertTrue(twoHostsGet.startsWith("HTTP/1.1 400 "), twoHostsGet);
    String gzip = exchange(post + "Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: "
      + json.length() + "\r\n\r\n" + json);
    assertTrue(gzip.startsWith("HTTP/1.1 415 "), gzip);
    assertTrue(gzip.contains("\"UNSUPPORTED_MEDIA_TYPE\"") && gzip.contains("Content-Encoding gzip is not supported"), gzip);
    String utf16 = exchange(post + "Content-Type: application/json; charset=utf-16\r\nContent-Length: "
      + json.length() + "\r\n\r\n" + json);
    assertTrue(utf16.startsWith("HTTP/1.1 415 "), utf16);
    assertTrue(utf16.contains("charset utf-16 is not supported"), utf16);
    String teGzip = exchange(post + "Content-Type: application/json\r\nTransfer-Encoding: gzip\r\n\r\n" + json);
    assertTrue(teGzip.startsWith("HTTP/1.1 400 "), teGzip);
    assertTrue(teGzip.contains("Transfer-Encoding must be chunked alone") && !teGzip.contains("Content-Length"), teGzip);
    assertEquals(logoutsBefore, gw.bus.count(IdentityApi.LOGOUT), "none reached identity");
    // UTF-8 said outright, and identity, stay fine
    String utf8 = exchange(post + "Connection: close\r\nContent-Type: application/json; charset=\"UTF-8\"\r\n"
      + "Content-Encoding: identity\r\nContent-Length: " + json.length() + "\r\n\r\n" + json);
    assertTrue(utf8.startsWith("HTTP/1.1 204 "), utf8);
  }

  @Test
  void aChunkedBodyWithoutContentLengthIsStillRead() throws Exception {
    String json = "{\"refreshToken\":\"r\"}";
    String answer = exchange("POST /api/v1/auth/logout HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
      + "Connection: close\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(json.length()) + "\r\n" + json + "\r\n0\r\n\r\n");
    assertTrue(answer.startsWith("HTTP/1.1 204 "), answer);
  }

  /** The admin's page and index.html are asked for again each time (never "immutable"): a new version's scripts are seen at once. */
  @Test
  void pagesAreRevalidated() throws Exception {
    for (String page : List.of("/admin/", "/index.html")) {
      var response = gw.get(page);
      assertEquals(200, response.statusCode(), page);
      assertEquals("no-cache", response.getHeader("Cache-Control"), page);
    }
  }

  /**
   * A field given twice in one JSON object is refused, naming it, on REST and GraphQL alike: a proxy
   * or validator in front may read the first where the engine took the last.
   */
  @Test
  void aFieldGivenTwiceIsRefused() throws Exception {
    int before = gw.bus.count(IdentityApi.REGISTER_CUSTOMER);
    var twice = gw.send("POST", "/api/v1/auth/register", null,
      "{\"email\":\"a@b.c\",\"email\":\"other@b.c\",\"password\":\"pw-pw-pw-pw\",\"name\":\"A\"}");
    assertEquals(400, twice.statusCode(), twice.bodyAsString());
    assertEquals("VALIDATION_FAILED", twice.bodyAsJsonObject().getString("code"), twice.bodyAsString());
    assertEquals("email", twice.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"), twice.bodyAsString());
    assertEquals(before, gw.bus.count(IdentityApi.REGISTER_CUSTOMER), "nothing was registered");
    var graphql = gw.send("POST", "/graphql", null, "{\"query\":\"{ __typename }\",\"query\":\"{ categories { id } }\"}");
    assertEquals(400, graphql.statusCode(), graphql.bodyAsString());
    assertEquals("query", graphql.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"), graphql.bodyAsString());
    var once = gw.send("POST", "/graphql", null, "{\"query\":\"{ __typename }\"}");
    assertEquals(200, once.statusCode(), once.bodyAsString());
  }

  /** An expectation the server does not know is 417 problem+json, not a server error (RFC 9110, 10.1.1). */
  @Test
  void anUnknownExpectationIs417() throws Exception {
    String answer = exchange("POST /api/v1/auth/logout HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
      + "Connection: close\r\nExpect: zzz\r\nContent-Length: 2\r\n\r\n{}");
    assertTrue(answer.startsWith("HTTP/1.1 417 "), answer);
    assertTrue(answer.contains("\"EXPECTATION_FAILED\""), answer);
    String continued = exchange("POST /api/v1/auth/logout HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
      + "Connection: close\r\nExpect: 100-continue\r\nContent-Length: 20\r\n\r\n{\"refreshToken\":\"r\"}");
    assertTrue(continued.contains("HTTP/1.1 204 "), "100-continue still works: " + continued);
  }

  /**
   * A chunked body whose chunk size is not hexadecimal is a malformed request, not a server error:
   * the codec closes the connection (nothing can be answered), and nothing is logged as a failure
   * of the server (it was logged SEVERE, with a stack trace, as a 500).
   */
  @Test
  void aBadChunkSizeIsNoServerError() throws Exception {
    var logged = new java.util.concurrent.CopyOnWriteArrayList<java.util.logging.LogRecord>();
    var capture = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord record) {
        if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue() && record.getMessage().contains("/api/v1/auth/logout")) {
          logged.add(record);
        }
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    var logger = java.util.logging.Logger.getLogger(ProblemHandler.class.getName());
    logger.addHandler(capture);
    try {
      String answer = exchange("POST /api/v1/auth/logout HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
      assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 400 ") && answer.contains("\"MALFORMED_REQUEST\""), answer);
      Thread.sleep(200);
      assertEquals(List.of(), logged.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList());
    } finally {
      logger.removeHandler(capture);
    }
  }

  @Test
  void theOnlyWebSocketSubProtocolOfferedIsGraphQlTransportWs() {
    assertEquals(List.of("graphql-transport-ws"), GatewayVerticle.serverOptions(gw.config).getWebSocketSubProtocols());
  }

  /** The upgrade to GraphQL over WebSocket is an HTTP request like any other: decoded strictly, with the same headers. */
  @Test
  void theWebSocketUpgradeIsDecodedStrictlyAndCarriesTheSecurityHeaders() throws Exception {
    String upgrade = "GET /graphql HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
      + "Sec-WebSocket-Protocol: graphql-transport-ws\r\nX-Correlation-Id: upgrade-1\r\n";
    String smuggled = exchange(upgrade + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    assertTrue(smuggled.startsWith("HTTP/1.1 400 "), smuggled);
    assertTrue(smuggled.contains("MALFORMED_REQUEST"), smuggled);

    String accepted = handshake(upgrade + "\r\n");
    assertTrue(accepted.startsWith("HTTP/1.1 101 "), accepted);
    String lower = accepted.toLowerCase(java.util.Locale.ROOT);
    assertTrue(lower.contains("sec-websocket-protocol: graphql-transport-ws"), accepted);
    assertTrue(lower.contains("x-content-type-options: nosniff"), accepted);
    assertTrue(lower.contains("x-correlation-id: upgrade-1"), accepted);

    String admin = exchange(upgrade.replace("GET /graphql ", "GET /admin/graphql ") + "Connection: close\r\n\r\n");
    assertTrue(admin.startsWith("HTTP/1.1 401 "), "no WebSocket on the admin API, and no anonymous request: " + admin);
  }

  /** Writes an upgrade request and reads the handshake answer's head. */
  private static String handshake(String request) throws Exception {
    try (Socket socket = new Socket("localhost", gw.port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      var head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.append((char) b);
      }
      return head.toString();
    }
  }

  /** Writes {@code request} on a fresh connection and reads until the server closes it. */
  private static HttpResponse<Buffer> head(String uri) throws Exception {
    return gw.http.head(uri).send().await(10, TimeUnit.SECONDS);
  }

  private static String exchange(String request) throws Exception {
    try (Socket socket = new Socket("localhost", gw.port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static JsonObject json(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject();
  }
}
