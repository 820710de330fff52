package io.kinetic.identity;

import io.kinetic.kernel.bus.Caller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.contract.identity.CreateStaff;
import io.kinetic.kernel.contract.identity.DeactivateStaff;
import io.kinetic.kernel.contract.identity.InviteStaff;
import io.kinetic.kernel.contract.identity.ListStaff;
import io.kinetic.kernel.contract.identity.ListStaffSessions;
import io.kinetic.kernel.contract.identity.Login;
import io.kinetic.kernel.contract.identity.ReactivateStaff;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.contract.identity.RefreshTokens;
import io.kinetic.kernel.contract.identity.Role;
import io.kinetic.kernel.contract.identity.SetStaffRoles;
import io.kinetic.kernel.contract.identity.StaffAccessChanged;
import io.kinetic.kernel.contract.identity.StaffInvited;
import io.kinetic.kernel.contract.identity.StaffList;
import io.kinetic.kernel.contract.identity.StaffSessions;
import io.kinetic.kernel.contract.identity.StaffView;
import io.kinetic.kernel.contract.identity.Tokens;
import io.kinetic.kernel.error.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Staff management over the bus, on a database of its own (so "the last admin" means this test's
 * admins): inviting, roles, deactivation and what it does to logins, refresh tokens and session
 * versions. The audit log it writes is checked in {@link AuditLogTest}.
 */
class StaffManagementTest {

  private static final String PASSWORD = "a long staff password";
  private static final LinkedBlockingQueue<StaffAccessChanged> CHANGES = new LinkedBlockingQueue<>();
  private static IdentityFixture identity;
  private static StaffView root;

  @BeforeAll
  static void start() {
    identity = IdentityFixture.startInOwnDatabase(new JsonObject());
    identity.vertx.eventBus().<StaffAccessChanged>consumer(IdentityApi.Events.STAFF_ACCESS_CHANGED, m -> CHANGES.add(m.body()));
    root = identity.request(IdentityApi.CREATE_STAFF,
      new CreateStaff(IdentityFixture.email("root"), PASSWORD, "Root", Set.of(Role.ADMIN)));
  }

  @AfterAll
  static void stop() {
    identity.close();
  }

  @Test
  void anInvitedMemberWithAGeneratedPasswordLogsInWithIt() {
    String email = IdentityFixture.email("Invited");
    StaffInvited invited = identity.request(IdentityApi.INVITE_STAFF,
      new InviteStaff(root.id(), "  " + email.toUpperCase() + " ", " Ina ", Set.of(Role.CATALOG), null));

    assertEquals(email.toLowerCase(), invited.staff().email());
    assertEquals("Ina", invited.staff().name());
    assertEquals(Set.of(Role.CATALOG), invited.staff().roles());
    assertTrue(invited.staff().active());
    assertEquals(20, invited.generatedPassword().length(), invited.generatedPassword());
    Tokens tokens = login(email, invited.generatedPassword());
    var claims = identity.verifiedClaims(tokens.accessToken());
    assertEquals(new JsonArray().add("catalog"), claims.getJsonArray("roles"));
    assertEquals(0, claims.getInteger("sv"));

    StaffInvited chosen = identity.request(IdentityApi.INVITE_STAFF,
      new InviteStaff(root.id(), IdentityFixture.email("chosen"), "Cho", Set.of(Role.FULFILMENT), PASSWORD));
    assertNull(chosen.generatedPassword(), "a chosen password is never echoed");
    login(chosen.staff().email(), PASSWORD);
  }

  @Test
  void onlyAnActiveAdminInvitesAndBadInvitationsFail() {
    StaffView catalog = invite(Role.CATALOG);
    var notAdmin = identity.failure(IdentityApi.INVITE_STAFF,
      new InviteStaff(catalog.id(), IdentityFixture.email("x"), "X", Set.of(Role.CATALOG), PASSWORD));
    assertEquals(ErrorCode.FORBIDDEN, notAdmin.errorCode());
    assertEquals(ErrorCode.FORBIDDEN, identity.failure(IdentityApi.INVITE_STAFF,
      new InviteStaff(UUID.randomUUID(), IdentityFixture.email("x"), "X", Set.of(Role.CATALOG), PASSWORD)).errorCode());
    assertEquals(ErrorCode.EMAIL_TAKEN, identity.failure(IdentityApi.INVITE_STAFF,
      new InviteStaff(root.id(), catalog.email(), "Again", Set.of(Role.CATALOG), PASSWORD)).errorCode());
    var noRoles = identity.failure(IdentityApi.INVITE_STAFF,
      new InviteStaff(root.id(), IdentityFixture.email("x"), "X", Set.of(), PASSWORD));
    assertEquals(ErrorCode.VALIDATION_FAILED, noRoles.errorCode());
    assertEquals("roles", noRoles.errors().get(0).field());
    assertEquals(ErrorCode.WEAK_PASSWORD, identity.failure(IdentityApi.INVITE_STAFF,
      new InviteStaff(root.id(), IdentityFixture.email("x"), "X", Set.of(Role.CATALOG), "short")).errorCode());
  }

  @Test
  void changedRolesEndTheMembersAccessTokensAndARefreshCarriesTheNewOnes() throws Exception {
    StaffView member = invite(Role.CATALOG);
    Tokens before = login(member.email(), PASSWORD);
    CHANGES.clear();

    StaffView changed = identity.request(IdentityApi.SET_STAFF_ROLES,
      new SetStaffRoles(root.id(), member.id(), Set.of(Role.CATALOG, Role.FULFILMENT)));

    assertEquals(Set.of(Role.CATALOG, Role.FULFILMENT), changed.roles());
    StaffAccessChanged event = CHANGES.poll(5, TimeUnit.SECONDS);
    assertEquals(member.id(), event.staffId());
    assertEquals(1, event.sessionVersion());
    assertEquals(1, sessionVersion(member.id()));
    Tokens after = identity.request(IdentityApi.REFRESH, new RefreshTokens(before.refreshToken(), Realm.STAFF));
    var claims = identity.verifiedClaims(after.accessToken());
    assertEquals(new JsonArray().add("catalog").add("fulfilment"), claims.getJsonArray("roles"));
    assertEquals(1, claims.getInteger("sv"), "the refreshed token is at the new session version");

    identity.<StaffView>request(IdentityApi.SET_STAFF_ROLES,
      new SetStaffRoles(root.id(), member.id(), EnumSet.of(Role.FULFILMENT, Role.CATALOG)));
    assertEquals(1, sessionVersion(member.id()), "the same roles again change nothing");
    assertEquals(ErrorCode.STAFF_NOT_FOUND, identity.failure(IdentityApi.SET_STAFF_ROLES,
      new SetStaffRoles(root.id(), UUID.randomUUID(), Set.of(Role.CATALOG))).errorCode());
  }

  @Test
  void aDeactivatedMemberCannotLogInOrRefreshUntilReactivated() throws Exception {
    StaffView member = invite(Role.FULFILMENT);
    Tokens session = login(member.email(), PASSWORD);
    CHANGES.clear();

    StaffView deactivated = identity.request(IdentityApi.DEACTIVATE_STAFF, new DeactivateStaff(root.id(), member.id()));

    assertFalse(deactivated.active());
    StaffAccessChanged event = CHANGES.poll(5, TimeUnit.SECONDS);
    assertEquals(member.id(), event.staffId());
    assertEquals(1, event.sessionVersion());
    assertEquals(1, sessionVersion(member.id()));
    List<LogRecord> logged = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        logged.add(record);
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    Logger tokenLog = Logger.getLogger(TokenService.class.getName());
    tokenLog.addHandler(capture);
    try {
      assertEquals(ErrorCode.TOKEN_INVALID, identity.failure(IdentityApi.REFRESH,
        new RefreshTokens(session.refreshToken(), Realm.STAFF)).errorCode(), "every refresh token was revoked");
    } finally {
      tokenLog.removeHandler(capture);
    }
    // logged as what it is, not as a stolen token reused; test classes run in parallel in this JVM,
    // so only this member's records count
    List<LogRecord> mine = logged.stream().filter(r -> r.getMessage().contains(member.id().toString())).toList();
    assertTrue(mine.stream().anyMatch(r -> r.getLevel() == Level.INFO && r.getMessage().contains("deactivated")),
      logged.stream().map(LogRecord::getMessage).toList().toString());
    assertTrue(mine.stream().noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue()),
      mine.stream().map(LogRecord::getMessage).toList().toString());
    assertEquals(ErrorCode.ACCOUNT_DISABLED, identity.failure(IdentityApi.LOGIN,
      new Login(Realm.STAFF, member.email(), PASSWORD, null)).errorCode());
    assertEquals(ErrorCode.INVALID_CREDENTIALS, identity.failure(IdentityApi.LOGIN,
      new Login(Realm.STAFF, member.email(), "not the password", null)).errorCode(), "only the password holder learns it");
    StaffList inactive = identity.request(IdentityApi.LIST_STAFF, new ListStaff(false));
    assertTrue(inactive.items().stream().anyMatch(s -> s.id().equals(member.id())));
    StaffList active = identity.request(IdentityApi.LIST_STAFF, new ListStaff(true));
    assertTrue(active.items().stream().noneMatch(s -> s.id().equals(member.id())));

    assertFalse(identity.<StaffView>request(IdentityApi.DEACTIVATE_STAFF, new DeactivateStaff(root.id(), member.id())).active());
    assertEquals(1, sessionVersion(member.id()), "deactivating twice is one deactivation");

    StaffView back = identity.request(IdentityApi.REACTIVATE_STAFF, new ReactivateStaff(root.id(), member.id()));
    assertTrue(back.active());
    Tokens again = login(member.email(), PASSWORD);
    assertEquals(1, identity.verifiedClaims(again.accessToken()).getInteger("sv"));
    assertEquals(ErrorCode.TOKEN_INVALID, identity.failure(IdentityApi.REFRESH,
      new RefreshTokens(session.refreshToken(), Realm.STAFF)).errorCode(), "old sessions stay revoked");
  }

  @Test
  void thereIsAlwaysAnActiveAdminAndNobodyDeactivatesThemselves() {
    StaffList admins = identity.request(IdentityApi.LIST_STAFF, new ListStaff(true));
    for (StaffView other : admins.items()) {
      if (!other.id().equals(root.id()) && other.roles().contains(Role.ADMIN)) {
        identity.<StaffView>request(IdentityApi.DEACTIVATE_STAFF, new DeactivateStaff(root.id(), other.id()));
      }
    }
    assertEquals(ErrorCode.SELF_DEACTIVATION, identity.failure(IdentityApi.DEACTIVATE_STAFF,
      new DeactivateStaff(root.id(), root.id())).errorCode());
    assertEquals(ErrorCode.LAST_ADMIN, identity.failure(IdentityApi.SET_STAFF_ROLES,
      new SetStaffRoles(root.id(), root.id(), Set.of(Role.CATALOG))).errorCode());

    StaffView second = invite(Role.ADMIN);
    identity.<StaffView>request(IdentityApi.SET_STAFF_ROLES, new SetStaffRoles(second.id(), root.id(), Set.of(Role.ADMIN, Role.CATALOG)));
    var oneWay = identity.bus.request(IdentityApi.DEACTIVATE_STAFF, new DeactivateStaff(root.id(), second.id()), Caller.SYSTEM);
    var otherWay = identity.bus.request(IdentityApi.DEACTIVATE_STAFF, new DeactivateStaff(second.id(), root.id()), Caller.SYSTEM);
    IdentityFixture.await(io.vertx.core.Future.join(oneWay, otherWay).recover(t -> io.vertx.core.Future.succeededFuture()));

    assertNotEquals(oneWay.succeeded(), otherWay.succeeded(), "exactly one of two admins deactivating each other wins");
    var loser = oneWay.succeeded() ? otherWay : oneWay;
    assertEquals(ErrorCode.FORBIDDEN, io.kinetic.kernel.error.Failure.from(loser.cause()).errorCode(),
      "the other is no longer an active admin");
    StaffList left = identity.request(IdentityApi.LIST_STAFF, new ListStaff(true));
    assertEquals(1, left.items().stream().filter(s -> s.roles().contains(Role.ADMIN)).count());
    if (otherWay.succeeded()) {
      root = second; // the later tests act as whichever admin is left
    }
  }

  private static StaffView invite(Role... roles) {
    StaffInvited invited = identity.request(IdentityApi.INVITE_STAFF,
      new InviteStaff(root.id(), IdentityFixture.email("member"), "Member", Set.of(roles), PASSWORD));
    return invited.staff();
  }

  private static Tokens login(String email, String password) {
    return identity.request(IdentityApi.LOGIN, new Login(Realm.STAFF, email, password, null));
  }

  private static int sessionVersion(UUID staffId) {
    StaffSessions sessions = identity.request(IdentityApi.LIST_STAFF_SESSIONS, new ListStaffSessions(1000));
    return sessions.items().stream().filter(s -> s.staffId().equals(staffId)).mapToInt(StaffSessions.Session::version)
      .findFirst().orElse(0);
  }
}
