package io.kinetic.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.contract.identity.AuditEntry;
import io.kinetic.kernel.contract.identity.AuditPage;
import io.kinetic.kernel.contract.identity.CreateStaff;
import io.kinetic.kernel.contract.identity.DeactivateStaff;
import io.kinetic.kernel.contract.identity.InviteStaff;
import io.kinetic.kernel.contract.identity.ListAuditLog;
import io.kinetic.kernel.contract.identity.ReactivateStaff;
import io.kinetic.kernel.contract.identity.Role;
import io.kinetic.kernel.contract.identity.SetStaffRoles;
import io.kinetic.kernel.contract.identity.StaffInvited;
import io.kinetic.kernel.contract.identity.StaffView;
import io.kinetic.kernel.error.ErrorCode;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every staff action leaves one audit entry (who, what, to whom, when, correlation id), read newest first in pages. */
class AuditLogTest {

  private static final String PASSWORD = "a long staff password";
  private static IdentityFixture identity;

  @BeforeAll
  static void start() {
    identity = IdentityFixture.startInOwnDatabase(new JsonObject());
  }

  @AfterAll
  static void stop() {
    identity.close();
  }

  @Test
  void eachStaffActionIsRecordedOnceWithItsActorTargetAndCorrelationId() {
    Instant started = Instant.now().minusSeconds(5);
    long before = newest();
    StaffView admin = send(IdentityApi.CREATE_STAFF,
      new CreateStaff(IdentityFixture.email("audit-admin"), PASSWORD, "Audit Admin", Set.of(Role.ADMIN)), "cid-create");
    StaffInvited invited = send(IdentityApi.INVITE_STAFF,
      new InviteStaff(admin.id(), IdentityFixture.email("audit-member"), "Member", Set.of(Role.CATALOG), null), "cid-invite");
    var member = invited.staff();
    send(IdentityApi.SET_STAFF_ROLES, new SetStaffRoles(admin.id(), member.id(), Set.of(Role.FULFILMENT)), "cid-roles");
    send(IdentityApi.DEACTIVATE_STAFF, new DeactivateStaff(admin.id(), member.id()), "cid-off");
    send(IdentityApi.DEACTIVATE_STAFF, new DeactivateStaff(admin.id(), member.id()), "cid-off-again");
    send(IdentityApi.REACTIVATE_STAFF, new ReactivateStaff(admin.id(), member.id()), "cid-on");
    identity.failure(IdentityApi.DEACTIVATE_STAFF, new DeactivateStaff(admin.id(), admin.id()));

    List<AuditEntry> log = all().stream().filter(e -> Long.parseLong(e.id()) > before).toList();

    assertEquals(List.of("staff.reactivated", "staff.deactivated", "staff.roles-changed", "staff.invited", "staff.created"),
      log.stream().map(AuditEntry::action).toList(), "newest first; no entry for what changed nothing or failed");
    assertEquals(List.of("cid-on", "cid-off", "cid-roles", "cid-invite", "cid-create"),
      log.stream().map(AuditEntry::correlationId).toList());
    AuditEntry created = log.get(4);
    assertNull(created.actorId(), "the system created the first admin");
    assertEquals(admin.id().toString(), created.targetId());
    for (AuditEntry entry : log.subList(0, 4)) {
      assertEquals("identity", entry.context());
      assertEquals(admin.id(), entry.actorId());
      assertEquals(admin.email(), entry.actorEmail());
      assertEquals("staff", entry.targetType());
      assertEquals(member.id().toString(), entry.targetId());
      assertTrue(Duration.between(started, entry.at()).abs().toMinutes() < 5, entry.at().toString());
    }
    assertEquals(Map.of("from", List.of("catalog"), "to", List.of("fulfilment")), log.get(2).details());
    assertEquals(true, log.get(3).details().get("passwordGenerated"));
    assertTrue(log.get(3).details().values().stream().noneMatch(v -> String.valueOf(v).equals(invited.generatedPassword())),
      "the generated password is never logged");
  }

  @Test
  void pagesFollowTheirCursorAndBadCursorsOrLimitsAreRefused() {
    StaffView admin = identity.request(IdentityApi.CREATE_STAFF,
      new CreateStaff(IdentityFixture.email("pager"), PASSWORD, "Pager", Set.of(Role.ADMIN)));
    for (int i = 0; i < 3; i++) {
      identity.<StaffInvited>request(IdentityApi.INVITE_STAFF,
        new InviteStaff(admin.id(), IdentityFixture.email("page"), "P" + i, Set.of(Role.CATALOG), PASSWORD));
    }
    AuditPage first = identity.request(IdentityApi.LIST_AUDIT_LOG, new ListAuditLog(2, null));
    AuditPage second = identity.request(IdentityApi.LIST_AUDIT_LOG, new ListAuditLog(2, first.nextCursor()));
    assertEquals(2, first.items().size());
    assertEquals(first.items().get(1).id(), first.nextCursor());
    assertTrue(Long.parseLong(second.items().get(0).id()) < Long.parseLong(first.items().get(1).id()), "older entries next");

    for (String bad : new String[] {"abc", "-1", "0", "99999999999999999999", ""}) {
      assertEquals(ErrorCode.INVALID_CURSOR,
        identity.failure(IdentityApi.LIST_AUDIT_LOG, new ListAuditLog(10, bad)).errorCode(), bad);
    }
    assertEquals(ErrorCode.VALIDATION_FAILED, identity.failure(IdentityApi.LIST_AUDIT_LOG, new ListAuditLog(0, null)).errorCode());
    assertEquals(ErrorCode.VALIDATION_FAILED, identity.failure(IdentityApi.LIST_AUDIT_LOG, new ListAuditLog(101, null)).errorCode());
  }

  private static long newest() {
    AuditPage page = identity.request(IdentityApi.LIST_AUDIT_LOG, new ListAuditLog(1, null));
    return page.items().isEmpty() ? 0 : Long.parseLong(page.items().get(0).id());
  }

  private static List<AuditEntry> all() {
    var out = new ArrayList<AuditEntry>();
    String cursor = null;
    do {
      AuditPage page = identity.request(IdentityApi.LIST_AUDIT_LOG, new ListAuditLog(100, cursor));
      out.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor != null);
    return out;
  }

  private static <R> R send(io.kinetic.kernel.bus.Endpoint<?, ?> endpoint, Object message, String correlationId) {
    return IdentityFixture.await(identity.bus.request(endpoint.address(), message, correlationId));
  }
}
