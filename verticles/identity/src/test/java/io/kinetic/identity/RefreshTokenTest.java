package io.kinetic.identity;

import io.kinetic.kernel.bus.Caller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.contract.identity.CreateStaff;
import io.kinetic.kernel.contract.identity.Login;
import io.kinetic.kernel.contract.identity.Logout;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.contract.identity.RefreshTokens;
import io.kinetic.kernel.contract.identity.RegisterCustomer;
import io.kinetic.kernel.contract.identity.Role;
import io.kinetic.kernel.contract.identity.StaffView;
import io.kinetic.kernel.contract.identity.Tokens;
import io.kinetic.kernel.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RefreshTokenTest {

  private static final String PASSWORD = "correct horse battery";
  private static IdentityFixture identity;

  @BeforeAll
  static void start() {
    identity = IdentityFixture.start();
  }

  @AfterAll
  static void stop() {
    identity.close();
  }

  @Test
  void aRefreshRotatesTheTokenAndTheOldOneStopsWorking() {
    String email = customer("rotate");
    Tokens first = login(Realm.CUSTOMER, email);

    Tokens second = refresh(first.refreshToken());
    Tokens third = refresh(second.refreshToken());

    assertNotEquals(first.refreshToken(), second.refreshToken());
    assertNotEquals(second.refreshToken(), third.refreshToken());
    assertEquals(email, identity.verifiedClaims(third.accessToken()).getString("email"));
    assertEquals(ErrorCode.TOKEN_INVALID, refreshFailure(first.refreshToken()));
  }

  @Test
  void reusingARotatedTokenRevokesTheWholeFamily() {
    String email = customer("reuse");
    Tokens stolen = login(Realm.CUSTOMER, email);
    Tokens legitimate = refresh(stolen.refreshToken());
    Tokens newest = refresh(legitimate.refreshToken());

    assertEquals(ErrorCode.TOKEN_INVALID, refreshFailure(stolen.refreshToken()));

    assertEquals(ErrorCode.TOKEN_INVALID, refreshFailure(newest.refreshToken()));
  }

  /** Two tabs, or a retry after a lost answer: both get a session of their own, in the same family. */
  @Test
  void twoConcurrentRefreshesWithOneTokenBothSucceedAndBothSessionsGoOn() {
    String email = customer("race");
    for (int round = 0; round < 5; round++) {
      String token = login(Realm.CUSTOMER, email).refreshToken();
      List<Future<Tokens>> both = List.of(
        identity.bus.request(IdentityApi.REFRESH, new RefreshTokens(token, Realm.CUSTOMER), Caller.SYSTEM),
        identity.bus.request(IdentityApi.REFRESH, new RefreshTokens(token, Realm.CUSTOMER), Caller.SYSTEM));
      IdentityFixture.await(Future.join(both).otherwiseEmpty());

      assertTrue(both.stream().allMatch(Future::succeeded), "round " + round + ": " + both);
      String first = both.get(0).result().refreshToken();
      String second = both.get(1).result().refreshToken();
      assertNotEquals(first, second);
      assertEquals(email, identity.verifiedClaims(refresh(first).accessToken()).getString("email"), "round " + round);
      assertEquals(email, identity.verifiedClaims(refresh(second).accessToken()).getString("email"), "round " + round);
    }
  }

  @Test
  void aRotatedTokenPresentedAgainAfterTheGraceRevokesTheFamily() {
    String email = customer("after-grace");
    Tokens first = login(Realm.CUSTOMER, email);
    Tokens rotated = refresh(first.refreshToken());
    Tokens again = refresh(first.refreshToken());
    assertNotEquals(rotated.refreshToken(), again.refreshToken());
    ageRotation(first.refreshToken(), 11);

    assertEquals(ErrorCode.TOKEN_INVALID, refreshFailure(first.refreshToken()));

    assertEquals(ErrorCode.TOKEN_INVALID, refreshFailure(rotated.refreshToken()), "the whole family is revoked");
    assertEquals(ErrorCode.TOKEN_INVALID, refreshFailure(again.refreshToken()), "the whole family is revoked");
  }

  /**
   * The grace serves a few more presentations of a rotated token (five tabs refreshing with it at
   * once all go on; a probe found three logged out of everything): one more within the window is
   * reuse, never another session.
   */
  @Test
  void theGraceServesAFewMorePresentationsOnly() {
    String email = customer("grace-few");
    Tokens first = login(Realm.CUSTOMER, email);
    Tokens rotated = refresh(first.refreshToken());
    var sessions = new java.util.ArrayList<Tokens>();
    for (int i = 0; i < IdentitySql.GRACE_PRESENTATIONS; i++) {
      sessions.add(refresh(first.refreshToken()));
    }
    assertEquals(4, sessions.size());
    assertEquals(5, sessions.stream().map(Tokens::refreshToken).collect(java.util.stream.Collectors.toSet()).size() + 1,
      "each a session of its own");

    assertEquals(ErrorCode.TOKEN_INVALID, refreshFailure(first.refreshToken()), "one presentation more within the grace");

    assertEquals(ErrorCode.TOKEN_INVALID, refreshFailure(rotated.refreshToken()), "the whole family is revoked");
    for (Tokens again : sessions) {
      assertEquals(ErrorCode.TOKEN_INVALID, refreshFailure(again.refreshToken()), "the whole family is revoked");
    }
  }

  @Test
  void theGraceNeverRevivesAnEndedSession() {
    String email = customer("grace-logout");
    Tokens first = login(Realm.CUSTOMER, email);
    Tokens rotated = refresh(first.refreshToken());
    identity.request(IdentityApi.LOGOUT, new Logout(rotated.refreshToken()));

    assertEquals(ErrorCode.TOKEN_INVALID, refreshFailure(first.refreshToken()), "signed out within the grace");
  }

  /** Moves the rotation of {@code refreshToken} {@code seconds} into the past. */
  private static void ageRotation(String refreshToken, int seconds) {
    IdentityFixture.await(identity.pool().preparedQuery(
        "UPDATE refresh_token SET revoked_at = revoked_at - $2 * interval '1 second' WHERE token_hash = $1")
      .execute(Tuple.of(TokenIssuer.hash(refreshToken), seconds)));
  }

  @Test
  void afterLogoutTheRefreshTokenIsDeadAndLogoutIsIdempotent() {
    String email = customer("logout");
    Tokens tokens = login(Realm.CUSTOMER, email);

    identity.request(IdentityApi.LOGOUT, new Logout(tokens.refreshToken()));
    identity.request(IdentityApi.LOGOUT, new Logout(tokens.refreshToken()));
    identity.request(IdentityApi.LOGOUT, new Logout("never-issued-" + UUID.randomUUID()));

    assertEquals(ErrorCode.TOKEN_INVALID, refreshFailure(tokens.refreshToken()));
  }

  @Test
  void unknownAndExpiredTokensAreInvalid() {
    assertEquals(ErrorCode.TOKEN_INVALID, refreshFailure("never-issued-" + UUID.randomUUID()));
    assertEquals(ErrorCode.TOKEN_INVALID, refreshFailure(""));

    String email = customer("expired");
    Tokens tokens = login(Realm.CUSTOMER, email);
    String sub = identity.verifiedClaims(tokens.accessToken()).getString("sub");
    IdentityFixture.await(identity.pool()
      .preparedQuery("UPDATE refresh_token SET expires_at = now() - interval '1 second' WHERE subject_id = $1")
      .execute(Tuple.of(UUID.fromString(sub))));

    assertEquals(ErrorCode.TOKEN_INVALID, refreshFailure(tokens.refreshToken()));
  }

  @Test
  void aStaffRefreshYieldsAStaffTokenWithTheCurrentRoles() {
    String email = IdentityFixture.email("staff-refresh");
    StaffView staff = identity.request(IdentityApi.CREATE_STAFF,
      new CreateStaff(email, PASSWORD, "Staff", Set.of(Role.CATALOG)));
    Tokens tokens = login(Realm.STAFF, email);
    IdentityFixture.await(identity.pool()
      .preparedQuery("UPDATE staff SET roles = '{admin,fulfilment}' WHERE id = $1").execute(Tuple.of(staff.id())));

    Tokens refreshed = refresh(tokens.refreshToken(), Realm.STAFF);

    var claims = identity.verifiedClaims(refreshed.accessToken());
    assertEquals("STAFF", claims.getString("realm"));
    assertEquals(staff.id().toString(), claims.getString("sub"));
    assertEquals(new JsonArray().add("admin").add("fulfilment"), claims.getJsonArray("roles"));
  }

  @Test
  void aRefreshTokenOnlyWorksInItsOwnRealmAndIsLeftUntouchedElsewhere() {
    String staffEmail = IdentityFixture.email("realm-staff");
    identity.request(IdentityApi.CREATE_STAFF, new CreateStaff(staffEmail, PASSWORD, "Staff", Set.of(Role.CATALOG)));
    Tokens staff = login(Realm.STAFF, staffEmail);
    Tokens customer = login(Realm.CUSTOMER, customer("realm-customer"));

    assertEquals(ErrorCode.TOKEN_INVALID, refreshFailure(staff.refreshToken(), Realm.CUSTOMER));
    assertEquals(ErrorCode.TOKEN_INVALID, refreshFailure(customer.refreshToken(), Realm.STAFF));
    assertEquals("STAFF", identity.verifiedClaims(refresh(staff.refreshToken(), Realm.STAFF).accessToken()).getString("realm"));
    assertEquals("CUSTOMER",
      identity.verifiedClaims(refresh(customer.refreshToken(), Realm.CUSTOMER).accessToken()).getString("realm"));
  }

  @Test
  void longExpiredTokensArePurgedAndLiveOnesKept() {
    String email = customer("purge");
    Tokens expired = login(Realm.CUSTOMER, email);
    Tokens live = login(Realm.CUSTOMER, email);
    IdentityFixture.await(identity.pool().preparedQuery(
        "UPDATE refresh_token SET expires_at = now() - interval '2 days' WHERE token_hash = $1")
      .execute(Tuple.of(TokenIssuer.hash(expired.refreshToken()))));

    int purged = IdentityFixture.await(new TokenRepository().purgeExpired(identity.pool(), 100_000));

    assertTrue(purged >= 1);
    long left = IdentityFixture.await(identity.pool().preparedQuery("SELECT count(*) FROM refresh_token WHERE token_hash = $1")
      .execute(Tuple.of(TokenIssuer.hash(expired.refreshToken())))).iterator().next().getLong(0);
    assertEquals(0, left);
    assertEquals(ErrorCode.TOKEN_INVALID, refreshFailure(expired.refreshToken()));
    refresh(live.refreshToken());
  }

  private static String customer(String prefix) {
    String email = IdentityFixture.email(prefix);
    identity.request(IdentityApi.REGISTER_CUSTOMER, new RegisterCustomer(email, PASSWORD, "Refresh"));
    return email;
  }

  private static Tokens login(Realm realm, String email) {
    return identity.request(IdentityApi.LOGIN, new Login(realm, email, PASSWORD, "test-" + UUID.randomUUID()));
  }

  private static Tokens refresh(String refreshToken) {
    return refresh(refreshToken, Realm.CUSTOMER);
  }

  private static Tokens refresh(String refreshToken, Realm realm) {
    return identity.request(IdentityApi.REFRESH, new RefreshTokens(refreshToken, realm));
  }

  private static ErrorCode refreshFailure(String refreshToken) {
    return refreshFailure(refreshToken, Realm.CUSTOMER);
  }

  private static ErrorCode refreshFailure(String refreshToken, Realm realm) {
    return identity.failure(IdentityApi.REFRESH, new RefreshTokens(refreshToken, realm)).errorCode();
  }
}
