package io.kinetic.gateway.identity;

import static io.kinetic.gateway.GatewayFixture.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.gateway.GatewayFixture;
import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.contract.identity.AuditEntry;
import io.kinetic.kernel.contract.identity.AuditPage;
import io.kinetic.kernel.contract.identity.DeactivateStaff;
import io.kinetic.kernel.contract.identity.GetStaff;
import io.kinetic.kernel.contract.identity.InviteStaff;
import io.kinetic.kernel.contract.identity.ListAuditLog;
import io.kinetic.kernel.contract.identity.ListStaff;
import io.kinetic.kernel.contract.identity.ReactivateStaff;
import io.kinetic.kernel.contract.identity.Role;
import io.kinetic.kernel.contract.identity.SetStaffRoles;
import io.kinetic.kernel.contract.identity.StaffInvited;
import io.kinetic.kernel.contract.identity.StaffList;
import io.kinetic.kernel.contract.identity.StaffView;
import io.kinetic.kernel.error.ErrorCode;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Staff management through /api/v1/admin/staff, /api/v1/admin/audit-log and the admin GraphQL
 * schema, against a fake identity: role admin only, the acting admin from the token, the shapes
 * of the contract, failures as problem+json or Problem results.
 */
class StaffAdminTest {

  private static final UUID ADMIN = UUID.randomUUID();
  private static final UUID MEMBER = UUID.randomUUID();
  private static final Instant CREATED = Instant.parse("2026-11-30T10:00:00Z");
  private static GatewayFixture gw;

  @BeforeAll
  static void start() throws Exception {
    gw = GatewayFixture.start();
    gw.bus.<ListStaff>on(IdentityApi.LIST_STAFF, q -> new StaffList(List.of(member(Set.of(Role.CATALOG), true))));
    gw.bus.<GetStaff>on(IdentityApi.GET_STAFF, g -> g.id().equals(MEMBER) ? member(Set.of(Role.CATALOG), true)
      : ErrorCode.NOT_FOUND.failure("staff " + g.id() + " not found"));
    gw.bus.<InviteStaff>on(IdentityApi.INVITE_STAFF, i -> i.email().startsWith("taken")
      ? ErrorCode.EMAIL_TAKEN.failure("an account with this e-mail already exists")
      : new StaffInvited(new StaffView(MEMBER, i.email(), i.name(), i.roles(), true, CREATED),
        i.password() == null ? "generated-password-1" : null));
    gw.bus.<SetStaffRoles>on(IdentityApi.SET_STAFF_ROLES, s -> s.staffId().equals(ADMIN)
      ? ErrorCode.LAST_ADMIN.failure("the last active admin keeps the admin role") : member(s.roles(), true));
    gw.bus.<DeactivateStaff>on(IdentityApi.DEACTIVATE_STAFF, d -> d.staffId().equals(d.actorId())
      ? ErrorCode.SELF_DEACTIVATION.failure("an admin cannot deactivate themselves") : member(Set.of(Role.CATALOG), false));
    gw.bus.<ReactivateStaff>on(IdentityApi.REACTIVATE_STAFF, r -> member(Set.of(Role.CATALOG), true));
    gw.bus.<ListAuditLog>on(IdentityApi.LIST_AUDIT_LOG, q -> new AuditPage(List.of(new AuditEntry("42", CREATED,
      "identity", "staff.deactivated", ADMIN, "boss@example.com", "staff", MEMBER.toString(), "cid-1", Map.of("from", List.of("catalog")))),
      "42"));
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  @Test
  void onlyAdminsReachStaffManagement() throws Exception {
    for (String path : List.of("/api/v1/admin/staff", "/api/v1/admin/audit-log", "/api/v1/admin/staff/" + MEMBER)) {
      assertEquals(401, gw.get(path).statusCode(), path);
      var catalog = gw.get(path, gw.staffToken(UUID.randomUUID(), "catalog", "fulfilment"));
      assertEquals(403, catalog.statusCode(), path);
      assertEquals("FORBIDDEN", problem(catalog).getString("code"));
      assertEquals(403, gw.get(path, gw.customerToken(UUID.randomUUID())).statusCode(), path);
      assertEquals(200, gw.get(path, admin()).statusCode(), path);
    }
    var invite = gw.send("POST", "/api/v1/admin/staff", gw.staffToken(UUID.randomUUID(), "catalog"),
      "{\"email\":\"x@example.com\",\"name\":\"X\",\"roles\":[\"admin\"]}");
    assertEquals(403, invite.statusCode(), "a catalog member cannot make themselves an admin");
    var graphql = gw.graphql("/admin/graphql", gw.staffToken(UUID.randomUUID(), "catalog"), "{staffMembers{id}}", null);
    assertEquals("FORBIDDEN", graphql.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0)
      .getJsonObject("extensions").getString("code"));
  }

  @Test
  void listingAndReadingShowTheContractsShape() throws Exception {
    var list = gw.get("/api/v1/admin/staff?active=true", admin());
    assertEquals(200, list.statusCode(), list.bodyAsString());
    assertEquals(Boolean.TRUE, gw.bus.<ListStaff>lastBody(IdentityApi.LIST_STAFF).active());
    JsonObject member = list.bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertEquals(new JsonObject().put("id", MEMBER.toString()).put("email", "member@example.com").put("name", "Member")
      .put("roles", List.of("catalog")).put("active", true).put("createdAt", "2026-11-30T10:00:00Z"), member);
    gw.get("/api/v1/admin/staff", admin());
    assertNull(gw.bus.<ListStaff>lastBody(IdentityApi.LIST_STAFF).active());
    assertEquals(400, gw.get("/api/v1/admin/staff?active=maybe", admin()).statusCode());

    var missing = gw.get("/api/v1/admin/staff/" + UUID.randomUUID(), admin());
    assertEquals(404, missing.statusCode());
    assertEquals(400, gw.get("/api/v1/admin/staff/not-a-uuid", admin()).statusCode());
  }

  @Test
  void anInvitationNamesTheActingAdminAndShowsAGeneratedPasswordOnce() throws Exception {
    var response = gw.send("POST", "/api/v1/admin/staff", admin(),
      "{\"email\":\"new@example.com\",\"name\":\"New\",\"roles\":[\"catalog\",\"fulfilment\"]}");
    assertEquals(201, response.statusCode(), response.bodyAsString());
    assertEquals("generated-password-1", response.bodyAsJsonObject().getString("generatedPassword"));
    assertEquals(List.of("catalog", "fulfilment"), response.bodyAsJsonObject().getJsonObject("staff").getJsonArray("roles").getList());
    InviteStaff sent = gw.bus.lastBody(IdentityApi.INVITE_STAFF);
    assertEquals(new InviteStaff(ADMIN, "new@example.com", "New", Set.of(Role.CATALOG, Role.FULFILMENT), null), sent);

    var chosen = gw.send("POST", "/api/v1/admin/staff", admin(),
      "{\"email\":\"new2@example.com\",\"name\":\"New\",\"roles\":[\"admin\"],\"password\":\"a chosen password\"}");
    assertEquals(201, chosen.statusCode());
    assertNull(chosen.bodyAsJsonObject().getValue("generatedPassword"));

    var taken = gw.send("POST", "/api/v1/admin/staff", admin(), "{\"email\":\"taken@example.com\",\"name\":\"T\",\"roles\":[\"catalog\"]}");
    assertEquals(409, taken.statusCode());
    assertEquals("EMAIL_TAKEN", problem(taken).getString("code"));
    for (String bad : List.of("{\"email\":\"a@b.c\",\"name\":\"N\",\"roles\":[\"owner\"]}",
      "{\"email\":\"a@b.c\",\"name\":\"N\",\"roles\":[]}", "{\"email\":\"a@b.c\",\"name\":\"N\"}",
      "{\"email\":\"a@b.c\",\"name\":\"N\",\"roles\":[\"admin\"],\"actorId\":\"" + UUID.randomUUID() + "\"}")) {
      assertEquals(400, gw.send("POST", "/api/v1/admin/staff", admin(), bad).statusCode(), bad);
    }
  }

  @Test
  void rolesDeactivationAndReactivationGoToIdentityWithTheActor() throws Exception {
    var roles = gw.send("PUT", "/api/v1/admin/staff/" + MEMBER + "/roles", admin(), "{\"roles\":[\"fulfilment\"]}");
    assertEquals(200, roles.statusCode(), roles.bodyAsString());
    assertEquals(new SetStaffRoles(ADMIN, MEMBER, Set.of(Role.FULFILMENT)), gw.bus.lastBody(IdentityApi.SET_STAFF_ROLES));
    var last = gw.send("PUT", "/api/v1/admin/staff/" + ADMIN + "/roles", admin(), "{\"roles\":[\"catalog\"]}");
    assertEquals(409, last.statusCode());
    assertEquals("LAST_ADMIN", problem(last).getString("code"));

    var off = gw.send("POST", "/api/v1/admin/staff/" + MEMBER + "/deactivate", admin(), "");
    assertEquals(200, off.statusCode(), off.bodyAsString());
    assertEquals(false, off.bodyAsJsonObject().getBoolean("active"));
    assertEquals(new DeactivateStaff(ADMIN, MEMBER), gw.bus.lastBody(IdentityApi.DEACTIVATE_STAFF));
    var self = gw.send("POST", "/api/v1/admin/staff/" + ADMIN + "/deactivate", admin(), "");
    assertEquals(409, self.statusCode());
    assertEquals("SELF_DEACTIVATION", problem(self).getString("code"));
    var on = gw.send("POST", "/api/v1/admin/staff/" + MEMBER + "/reactivate", admin(), "");
    assertEquals(200, on.statusCode());
    assertEquals(new ReactivateStaff(ADMIN, MEMBER), gw.bus.lastBody(IdentityApi.REACTIVATE_STAFF));
  }

  @Test
  void theAuditLogPagesWithLimitAndCursor() throws Exception {
    var page = gw.get("/api/v1/admin/audit-log?limit=10&after=77", admin());
    assertEquals(200, page.statusCode(), page.bodyAsString());
    assertEquals(new ListAuditLog(10, "77"), gw.bus.lastBody(IdentityApi.LIST_AUDIT_LOG));
    JsonObject entry = page.bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertEquals("staff.deactivated", entry.getString("action"));
    assertEquals(ADMIN.toString(), entry.getString("actorId"));
    assertEquals("cid-1", entry.getString("correlationId"));
    assertEquals("42", page.bodyAsJsonObject().getString("nextCursor"));
    gw.get("/api/v1/admin/audit-log", admin());
    assertEquals(new ListAuditLog(50, null), gw.bus.lastBody(IdentityApi.LIST_AUDIT_LOG));
    assertEquals(400, gw.get("/api/v1/admin/audit-log?limit=101", admin()).statusCode());
  }

  @Test
  void theAdminGraphQlSchemaOffersTheSame() throws Exception {
    var data = gql("""
      mutation { inviteStaff(input: {email: "gq@example.com", name: "Gq", roles: ["catalog"]}) {
        __typename ... on StaffInvitation { generatedPassword staff { id roles active createdAt } } } }""");
    var invitation = data.getJsonObject("inviteStaff");
    assertEquals("StaffInvitation", invitation.getString("__typename"));
    assertEquals("generated-password-1", invitation.getString("generatedPassword"));
    assertEquals("2026-11-30T10:00:00Z", invitation.getJsonObject("staff").getString("createdAt"));
    assertEquals(ADMIN, gw.bus.<InviteStaff>lastBody(IdentityApi.INVITE_STAFF).actorId());

    var badRole = gql("mutation { setStaffRoles(id: \"" + MEMBER + "\", roles: [\"owner\"]) { __typename ... on Problem { code } } }");
    assertEquals("VALIDATION_FAILED", badRole.getJsonObject("setStaffRoles").getString("code"));
    // the roles as REST's contract spells them, at most three (a probe made an admin with "ADMIN")
    int invites = gw.bus.count(IdentityApi.INVITE_STAFF);
    for (String roles : List.of("[\"ADMIN\"]", "[\"Catalog\"]", "[\"admin\", \"catalog\", \"fulfilment\", \"admin\"]", "[\"admin \"]")) {
      var refused = gql("mutation { inviteStaff(input: {email: \"r@example.com\", name: \"R\", roles: " + roles
        + "}) { __typename ... on Problem { code errors { field message } } } }").getJsonObject("inviteStaff");
      assertEquals("VALIDATION_FAILED", refused.getString("code"), roles + ": " + refused.encode());
      assertTrue(!refused.encode().contains("ADMIN") && !refused.encode().contains("Catalog"), refused.encode());
      var set = gql("mutation { setStaffRoles(id: \"" + MEMBER + "\", roles: " + roles + ") { __typename ... on Problem { code } } }");
      assertEquals("VALIDATION_FAILED", set.getJsonObject("setStaffRoles").getString("code"), roles);
    }
    assertEquals(invites, gw.bus.count(IdentityApi.INVITE_STAFF), "nothing reached identity");
    var self = gql("mutation { deactivateStaff(id: \"" + ADMIN + "\") { __typename ... on Problem { code } } }");
    assertEquals("SELF_DEACTIVATION", self.getJsonObject("deactivateStaff").getString("code"));
    var off = gql("mutation { deactivateStaff(id: \"" + MEMBER + "\") { __typename ... on Staff { active } } }");
    assertEquals(false, off.getJsonObject("deactivateStaff").getBoolean("active"));

    var queries = gql("{ staffMembers(active: false) { email roles } "
      + "auditLog(first: 5, after: \"99\") { edges { cursor node { action actorEmail targetId details } } pageInfo { hasNextPage endCursor } } }");
    assertEquals("member@example.com", queries.getJsonArray("staffMembers").getJsonObject(0).getString("email"));
    assertEquals(Boolean.FALSE, gw.bus.<ListStaff>lastBody(IdentityApi.LIST_STAFF).active());
    var edge = queries.getJsonObject("auditLog").getJsonArray("edges").getJsonObject(0);
    assertEquals("42", edge.getString("cursor"));
    assertEquals("staff.deactivated", edge.getJsonObject("node").getString("action"));
    assertEquals(List.of("catalog"), edge.getJsonObject("node").getJsonObject("details").getJsonArray("from").getList());
    assertEquals(new ListAuditLog(5, "99"), gw.bus.lastBody(IdentityApi.LIST_AUDIT_LOG));
  }

  private static JsonObject gql(String query) throws Exception {
    var response = gw.graphql("/admin/graphql", admin(), query, null);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonObject body = response.bodyAsJsonObject();
    assertTrue(body.getJsonArray("errors") == null, body.encode());
    return body.getJsonObject("data");
  }

  private static String admin() {
    return gw.staffToken(ADMIN, "admin");
  }

  private static StaffView member(Set<Role> roles, boolean active) {
    return new StaffView(MEMBER, "member@example.com", "Member", roles, active, CREATED);
  }
}
