package io.kinetic.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.contract.identity.Login;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.contract.identity.Role;
import io.kinetic.kernel.contract.identity.StaffView;
import io.kinetic.kernel.contract.identity.Tokens;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.vertx.core.json.JsonArray;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StaffBootstrapTest {

  private static IdentityFixture identity;
  private static StaffBootstrap bootstrap;

  @BeforeAll
  static void start() {
    identity = IdentityFixture.start();
    bootstrap = new StaffBootstrap(identity.vertx, identity.config);
  }

  @AfterAll
  static void stop() {
    identity.close();
  }

  @Test
  void ensureAdminCreatesTheAdminOnceAndItCanLogIn() {
    String email = IdentityFixture.email("admin");

    StaffView created = IdentityFixture.await(bootstrap.ensureAdmin(email, "first admin password"));
    StaffView again = IdentityFixture.await(bootstrap.ensureAdmin(email.toUpperCase(), "another password"));

    assertEquals(Set.of(Role.ADMIN), created.roles());
    assertEquals(StaffBootstrap.ADMIN_NAME, created.name());
    assertEquals(created, again);
    assertTrue(IdentityFixture.await(bootstrap.anyStaff()));
    Tokens tokens = identity.request(IdentityApi.LOGIN, new Login(Realm.STAFF, email, "first admin password", null));
    assertEquals(new JsonArray().add("admin"), identity.verifiedClaims(tokens.accessToken()).getJsonArray("roles"));
  }

  @Test
  void aWeakBootstrapPasswordIsRefused() {
    String email = IdentityFixture.email("weak");
    var e = assertThrows(Failure.class, () -> IdentityFixture.await(bootstrap.ensureAdmin(email, "short")));

    assertEquals(ErrorCode.WEAK_PASSWORD, e.errorCode());
  }
}
