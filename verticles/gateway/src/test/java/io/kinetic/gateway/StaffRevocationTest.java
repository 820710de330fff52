package io.kinetic.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.contract.identity.GetStaff;
import io.kinetic.kernel.contract.identity.ListStaffSessions;
import io.kinetic.kernel.contract.identity.Role;
import io.kinetic.kernel.contract.identity.StaffAccessChanged;
import io.kinetic.kernel.contract.identity.StaffSessions;
import io.kinetic.kernel.contract.identity.StaffView;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A staff access token issued before its member's session version went up is refused (401) by
 * every gateway instance: at once when the StaffAccessChanged event arrives, and within the poll
 * interval when only identity's list of session versions says so.
 */
class StaffRevocationTest {

  private static final Map<UUID, Integer> VERSIONS = new ConcurrentHashMap<>();
  private static GatewayFixture gw;

  @BeforeAll
  static void start() throws Exception {
    gw = GatewayFixture.start(new JsonObject().put("auth", new JsonObject().put("staffRevocationPollMillis", 200)));
    gw.bus.<GetStaff>on(IdentityApi.GET_STAFF, g -> new StaffView(g.id(), "s@example.com", "S", Set.of(Role.ADMIN), true, java.time.Instant.parse("2026-01-01T00:00:00Z")));
    gw.bus.<ListStaffSessions>on(IdentityApi.LIST_STAFF_SESSIONS, q -> new StaffSessions(
      VERSIONS.entrySet().stream().map(e -> new StaffSessions.Session(e.getKey(), e.getValue())).toList()));
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  @Test
  void theEventEndsOlderTokensOnEveryInstance() throws Exception {
    UUID staff = UUID.randomUUID();
    String old = gw.staffToken(staff, 0, "admin");
    String legacy = gw.staffToken(staff, "admin");
    assertEquals(200, status(old));
    assertEquals(200, status(legacy));

    gw.vertx.eventBus().publish(IdentityApi.Events.STAFF_ACCESS_CHANGED, new StaffAccessChanged(io.kinetic.kernel.id.Ids.newId(), java.time.Instant.now(), staff, 1));

    // both gateway instances of the fixture answer in turn: each must refuse the old tokens
    awaitStatus(old, 401);
    for (int i = 0; i < 6; i++) {
      assertEquals(401, status(old));
      assertEquals(401, status(legacy), "a token without the claim is at version 0");
      assertEquals(200, status(gw.staffToken(staff, 1, "admin")), "the refreshed token works");
    }
    var graphql = gw.graphql("/admin/graphql", old, "{me{id}}", null);
    assertEquals(401, graphql.statusCode());
  }

  @Test
  void withoutTheEventThePollEndsThemWithinItsInterval() throws Exception {
    UUID staff = UUID.randomUUID();
    String old = gw.staffToken(staff, 1, "admin");
    assertEquals(200, status(old));

    int before = gw.bus.count(IdentityApi.LIST_STAFF_SESSIONS);
    VERSIONS.put(staff, 2);

    awaitStatus(old, 401);
    // every instance has polled version 2 (each polls at the same pace; requests may all reach one)
    long polled = System.currentTimeMillis() + 10_000;
    while (gw.bus.count(IdentityApi.LIST_STAFF_SESSIONS) < before + 6 && System.currentTimeMillis() < polled) {
      Thread.sleep(20);
    }
    for (int i = 0; i < 6; i++) {
      assertEquals(401, status(old));
      assertEquals(200, status(gw.staffToken(staff, 2, "admin")));
      assertEquals(200, status(gw.staffToken(UUID.randomUUID(), 0, "admin")), "other members are not affected");
    }
    VERSIONS.put(staff, 1);
    int polls = gw.bus.count(IdentityApi.LIST_STAFF_SESSIONS);
    long deadline = System.currentTimeMillis() + 10_000;
    while (gw.bus.count(IdentityApi.LIST_STAFF_SESSIONS) < polls + 4 && System.currentTimeMillis() < deadline) {
      assertEquals(401, status(old), "versions never go down");
    }
    assertEquals(401, status(old), "versions never go down");
  }

  private static int status(String token) throws Exception {
    return gw.get("/api/v1/admin/me", token).statusCode();
  }

  /** Polls until every instance answers {@code expected}; fails after 10 s. */
  private static void awaitStatus(String token, int expected) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    int streak = 0;
    while (streak < 4) {
      streak = status(token) == expected ? streak + 1 : 0;
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("still not " + expected + " after 10 s");
      }
    }
  }
}
