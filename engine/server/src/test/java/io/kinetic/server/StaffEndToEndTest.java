package io.kinetic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Staff management through the real engine: an admin invites a member, changes their roles and
 * deactivates them; the member's tokens stop working on every gateway instance within seconds,
 * and every step is in the audit log with the request's correlation id.
 */
class StaffEndToEndTest {

  private static WebClient http;

  @BeforeAll
  static void start() throws Exception {
    http = RunningEngine.client();
  }

  /** An unknown member is STAFF_NOT_FOUND whatever is asked of them: read, deactivated or given roles (REST and GraphQL). */
  @Test
  void anUnknownMemberIsStaffNotFoundEverywhere() throws Exception {
    String admin = login(RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD).getString("accessToken");
    String unknown = UUID.randomUUID().toString();
    var read = get("/api/v1/admin/staff/" + unknown, admin);
    assertEquals(404, read.statusCode(), read.bodyAsString());
    assertEquals("STAFF_NOT_FOUND", read.bodyAsJsonObject().getString("code"), read.bodyAsString());
    var graphql = http.post("/admin/graphql").bearerTokenAuthentication(admin)
      .sendJsonObject(new JsonObject().put("query", "query($id: ID!) { staffMember(id: $id) { id } }")
        .put("variables", new JsonObject().put("id", unknown)))
      .await(10, TimeUnit.SECONDS).bodyAsJsonObject();
    assertEquals("STAFF_NOT_FOUND", graphql.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code"),
      graphql.encode());
  }

  @Test
  void anInvitedMembersAccessFollowsTheirRolesAndEndsWithDeactivation() throws Exception {
    String admin = login(RunningEngine.ADMIN_EMAIL, RunningEngine.ADMIN_PASSWORD).getString("accessToken");
    String email = "e2e-staff-" + UUID.randomUUID() + "@kinetic.test";
    String inviteCid = "e2e-invite-" + UUID.randomUUID().toString().substring(0, 8);

    var invited = http.post("/api/v1/admin/staff").bearerTokenAuthentication(admin).putHeader("X-Correlation-Id", inviteCid)
      .sendJsonObject(new JsonObject().put("email", email).put("name", "Cat Alog").put("roles", new JsonArray().add("catalog")))
      .await(10, TimeUnit.SECONDS);
    assertEquals(201, invited.statusCode(), invited.bodyAsString());
    String memberId = invited.bodyAsJsonObject().getJsonObject("staff").getString("id");
    String password = invited.bodyAsJsonObject().getString("generatedPassword");
    assertNotNull(password);

    JsonObject session = login(email, password);
    String member = session.getString("accessToken");
    assertEquals(200, get("/api/v1/admin/products?limit=1", member).statusCode(), "a catalog member edits the catalogue");
    assertEquals(403, get("/api/v1/admin/staff", member).statusCode(), "but does not manage staff");

    var roles = http.put("/api/v1/admin/staff/" + memberId + "/roles").bearerTokenAuthentication(admin)
      .sendJsonObject(new JsonObject().put("roles", new JsonArray().add("fulfilment"))).await(10, TimeUnit.SECONDS);
    assertEquals(200, roles.statusCode(), roles.bodyAsString());
    awaitRefused(member);
    var refreshed = http.post("/api/v1/admin/auth/refresh")
      .sendJsonObject(new JsonObject().put("refreshToken", session.getString("refreshToken"))).await(10, TimeUnit.SECONDS);
    assertEquals(200, refreshed.statusCode(), refreshed.bodyAsString());
    String fulfilment = refreshed.bodyAsJsonObject().getString("accessToken");
    assertEquals(List.of("fulfilment"), get("/api/v1/admin/me", fulfilment).bodyAsJsonObject().getJsonArray("roles").getList());
    assertEquals(403, get("/api/v1/admin/products?limit=1", fulfilment).statusCode(), "the catalog role is gone");

    var deactivated = http.post("/admin/graphql").bearerTokenAuthentication(admin)
      .sendJsonObject(new JsonObject().put("query", "mutation($id:ID!){deactivateStaff(id:$id){__typename ... on Staff{active}}}")
        .put("variables", new JsonObject().put("id", memberId))).await(10, TimeUnit.SECONDS);
    assertEquals(false, deactivated.bodyAsJsonObject().getJsonObject("data").getJsonObject("deactivateStaff").getBoolean("active"),
      deactivated.bodyAsString());
    awaitRefused(fulfilment);
    var refresh = http.post("/api/v1/admin/auth/refresh")
      .sendJsonObject(new JsonObject().put("refreshToken", refreshed.bodyAsJsonObject().getString("refreshToken")))
      .await(10, TimeUnit.SECONDS);
    assertEquals(401, refresh.statusCode(), "the member's refresh tokens are revoked");
    var relogin = http.post("/api/v1/admin/auth/login").sendJsonObject(new JsonObject().put("email", email).put("password", password))
      .await(10, TimeUnit.SECONDS);
    assertEquals(403, relogin.statusCode());
    assertEquals("ACCOUNT_DISABLED", relogin.bodyAsJsonObject().getString("code"));

    var log = get("/api/v1/admin/audit-log?limit=100", admin);
    assertEquals(200, log.statusCode(), log.bodyAsString());
    var entries = log.bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast)
      .filter(e -> memberId.equals(e.getString("targetId"))).toList();
    assertEquals(List.of("staff.deactivated", "staff.roles-changed", "staff.invited"),
      entries.stream().map(e -> e.getString("action")).toList(), "newest first");
    assertEquals(inviteCid, entries.get(2).getString("correlationId"));
    assertTrue(entries.stream().allMatch(e -> RunningEngine.ADMIN_EMAIL.equals(e.getString("actorEmail"))));

    var graphqlLog = http.post("/admin/graphql").bearerTokenAuthentication(admin)
      .sendJsonObject(new JsonObject().put("query", "{auditLog(first:100){edges{node{action targetId}}}}")).await(10, TimeUnit.SECONDS);
    assertTrue(graphqlLog.bodyAsJsonObject().getJsonObject("data").getJsonObject("auditLog").getJsonArray("edges").stream()
      .map(JsonObject.class::cast).map(e -> e.getJsonObject("node"))
      .anyMatch(n -> memberId.equals(n.getString("targetId")) && "staff.deactivated".equals(n.getString("action"))));
  }

  /** Waits until the token is refused by each gateway instance (several answers in a row); at most 10 s. */
  private static void awaitRefused(String token) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    int streak = 0;
    while (streak < 4) {
      int status = get("/api/v1/admin/me", token).statusCode();
      streak = status == 401 ? streak + 1 : 0;
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("the token still works after 10 s");
      }
    }
  }

  private static JsonObject login(String email, String password) throws Exception {
    var login = http.post("/api/v1/admin/auth/login").sendJsonObject(new JsonObject().put("email", email).put("password", password))
      .await(10, TimeUnit.SECONDS);
    assertEquals(200, login.statusCode(), login.bodyAsString());
    return login.bodyAsJsonObject();
  }

  private static HttpResponse<Buffer> get(String uri, String token) throws Exception {
    return http.get(uri).bearerTokenAuthentication(token).send().await(10, TimeUnit.SECONDS);
  }
}
