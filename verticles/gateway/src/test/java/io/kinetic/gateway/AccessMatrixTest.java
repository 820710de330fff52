package io.kinetic.gateway;

import static io.kinetic.gateway.GatewayFixture.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.gateway.openapi.ContractLoader;
import io.kinetic.kernel.auth.Jwt;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every secured operation of the served contract (merged from every edge's fragment), whatever it
 * does: no token or a forged one is 401, a customer token on an admin operation and a staff token
 * without the role are 403.
 */
class AccessMatrixTest {

  private static final UUID STAFF = UUID.randomUUID();
  private static GatewayFixture gw;
  private static JsonObject document;

  /** One secured operation: method, a concrete URI, and the security alternatives of the yaml. */
  record Op(String id, String method, String uri, JsonArray security) {
  }

  @BeforeAll
  static void start() throws Exception {
    gw = GatewayFixture.start();
    document = ContractLoader.parse(gw.get("/api/v1/openapi.yaml").body());
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  @Test
  void everyAdminOperationButLoginRefreshAndLogoutNeedsAStaffToken() {
    // login, refresh and logout are public: their credential is the password or the refresh token,
    // checked by identity to be a staff one for refresh (revoking a token one holds harms nobody)
    List<Op> secured = secured();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        String id = paths.getJsonObject(path).getJsonObject(method).getString("operationId");
        if (path.startsWith("/api/v1/admin/") && !List.of("adminLogin", "adminRefresh", "adminLogout").contains(id)) {
          Op op = secured.stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError(id + " is public"));
          op.security().forEach(alternative -> assertEquals(List.of("staffBearer"),
            List.copyOf(((JsonObject) alternative).fieldNames()), id + ": only staff may call it"));
        }
      }
    }
  }

  @Test
  void noTokenOrAForgedOneIs401Everywhere() throws Exception {
    List<String> forged = List.of(unsigned(), withIssuer("someone-else"), signedWith("HS256", "another-secret-another-secret-another-secret"),
      signedWith("HS512", gw.config.auth().jwtSecret()), gw.expiredStaffToken(STAFF), "not.a.jwt");
    for (Op op : secured()) {
      assertEquals(401, call(op, null), op.id() + " without a token");
      for (String token : forged) {
        assertEquals(401, call(op, token), op.id() + " with " + token);
      }
    }
  }

  @Test
  void realmAndRolesAreEnforcedEverywhere() throws Exception {
    String customer = gw.customerToken(UUID.randomUUID());
    String admin = gw.staffToken(STAFF, "admin");
    for (Op op : secured()) {
      boolean staffOnly = op.uri().startsWith("/api/v1/admin/");
      int allowed = call(op, staffOnly ? admin : customer);
      assertTrue(allowed != 401 && allowed != 403, op.id() + " with the right token: " + allowed);
      assertEquals(403, call(op, staffOnly ? customer : admin), op.id() + " with a token of the other realm");
      if (staffOnly && op.security().stream().noneMatch(a -> ((JsonObject) a).getJsonArray("staffBearer").isEmpty())) {
        // a member whose only role is none the operation names (catalog ones allow catalog or
        // admin, the orders also fulfilment): some operations leave no such role
        var named = op.security().stream().flatMap(a -> ((JsonObject) a).getJsonArray("staffBearer").stream()).toList();
        for (String role : List.of("fulfilment", "catalog", "admin")) {
          if (!named.contains(role)) {
            assertEquals(403, call(op, gw.staffToken(STAFF, role)), op.id() + " with only the role " + role);
            break;
          }
        }
      }
    }
  }

  @Test
  void anUndecodablePathIsAProblemNotABypass() throws Exception {
    for (String path : List.of("/api/v1/products/%zz", "/api/v1/admin/products/%zz", "/api/v1/admin/%zz/products")) {
      String response = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
      assertTrue(response.startsWith("HTTP/1.1 400") || response.startsWith("HTTP/1.1 401"), path + ": " + response);
      assertTrue(response.toLowerCase().contains("content-type: application/problem+json"), path + ": " + response);
    }
    assertEquals(401, problem(gw.get("/api/v1/admin/products/%00")).getInteger("status"));
  }

  private static List<Op> secured() {
    var ops = new ArrayList<Op>();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (Map.Entry<String, Object> entry : paths.getJsonObject(path)) {
        JsonObject operation = (JsonObject) entry.getValue();
        JsonArray security = operation.getJsonArray("security", document.getJsonArray("security", new JsonArray()));
        if (!security.isEmpty()) {
          String uri = path.replace("{id}", UUID.randomUUID().toString()).replace("{sku}", "SKU-1")
            .replace("{currency}", "EUR").replace("{code}", "material").replace("{slug}", "a-slug");
          ops.add(new Op(operation.getString("operationId"), entry.getKey().toUpperCase(), uri, security));
        }
      }
    }
    assertFalse(ops.isEmpty());
    return ops;
  }

  private static int call(Op op, String token) throws Exception {
    String body = op.method().equals("POST") || op.method().equals("PUT") ? "{}" : "";
    return gw.send(op.method(), op.uri(), token, body).statusCode();
  }

  private static JsonObject claims() {
    long now = System.currentTimeMillis() / 1000;
    return new JsonObject().put("sub", STAFF.toString()).put("iss", gw.config.auth().issuer()).put("iat", now)
      .put("exp", now + 600).put(Jwt.REALM, "STAFF").put(Jwt.ROLES, new JsonArray().add("admin"));
  }

  /** {@code alg: none}, no signature. */
  private static String unsigned() {
    var b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
      + b64.encodeToString(claims().encode().getBytes(StandardCharsets.UTF_8)) + ".";
  }

  private static String withIssuer(String issuer) {
    var options = new JWTOptions().setAlgorithm(Jwt.ALGORITHM).setIssuer(issuer).setSubject(STAFF.toString());
    return Jwt.auth(gw.vertx, gw.config.auth()).generateToken(claims().copy().put("iss", issuer), options);
  }

  private static String signedWith(String algorithm, String secret) {
    var auth = JWTAuth.create(gw.vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm(algorithm).setBuffer(secret)));
    return auth.generateToken(claims(), new JWTOptions().setAlgorithm(algorithm).setIssuer(gw.config.auth().issuer())
      .setSubject(STAFF.toString()));
  }

  private static String raw(String request) throws IOException {
    try (Socket socket = new Socket("localhost", gw.port)) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
