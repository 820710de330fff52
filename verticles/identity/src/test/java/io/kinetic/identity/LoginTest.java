package io.kinetic.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.contract.identity.CreateStaff;
import io.kinetic.kernel.contract.identity.CustomerView;
import io.kinetic.kernel.contract.identity.GetStaff;
import io.kinetic.kernel.contract.identity.Login;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.contract.identity.RegisterCustomer;
import io.kinetic.kernel.contract.identity.Role;
import io.kinetic.kernel.contract.identity.StaffView;
import io.kinetic.kernel.contract.identity.Tokens;
import io.kinetic.kernel.error.ErrorCode;
import io.vertx.core.json.JsonArray;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LoginTest {

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
  void aCustomerLoginYieldsAnAccessTokenTheGatewayAccepts() {
    String email = IdentityFixture.email("login");
    CustomerView customer = identity.request(IdentityApi.REGISTER_CUSTOMER, new RegisterCustomer(email, PASSWORD, "Ann"));

    Tokens tokens = login(Realm.CUSTOMER, email.toUpperCase(), PASSWORD);

    assertEquals("Bearer", tokens.tokenType());
    assertEquals(900, tokens.expiresIn());
    assertTrue(tokens.refreshToken().length() >= 43, tokens.refreshToken());
    var claims = identity.verifiedClaims(tokens.accessToken());
    assertEquals(customer.id().toString(), claims.getString("sub"));
    assertEquals("CUSTOMER", claims.getString("realm"));
    assertEquals(new JsonArray(), claims.getJsonArray("roles"));
    assertEquals(email, claims.getString("email"));
    long lifetime = claims.getLong("exp") - claims.getLong("iat");
    assertTrue(lifetime > 0 && lifetime <= 900, "lifetime " + lifetime);
  }

  @Test
  void aWrongPasswordAndAnUnknownEmailFailAlike() {
    String email = IdentityFixture.email("wrong");
    identity.request(IdentityApi.REGISTER_CUSTOMER, new RegisterCustomer(email, PASSWORD, "Bob"));

    var wrongPassword = identity.failure(IdentityApi.LOGIN, attempt(Realm.CUSTOMER, email, "incorrect horse"));
    String nobody = IdentityFixture.email("nobody");
    var unknownEmail = identity.failure(IdentityApi.LOGIN, attempt(Realm.CUSTOMER, nobody, PASSWORD));

    assertEquals(ErrorCode.INVALID_CREDENTIALS, wrongPassword.errorCode());
    assertEquals(ErrorCode.INVALID_CREDENTIALS, unknownEmail.errorCode());
    assertEquals(wrongPassword.detail(), unknownEmail.detail());
  }

  @Test
  void aStaffLoginCarriesTheStaffRealmAndRoles() {
    String email = IdentityFixture.email("staff");
    StaffView staff = identity.request(IdentityApi.CREATE_STAFF,
      new CreateStaff(email, PASSWORD, "Sam", EnumSet.of(Role.FULFILMENT, Role.CATALOG)));
    assertEquals(Set.of(Role.CATALOG, Role.FULFILMENT), staff.roles());
    assertEquals(staff, identity.request(IdentityApi.GET_STAFF, new GetStaff(staff.id())));

    Tokens tokens = login(Realm.STAFF, email, PASSWORD);

    var claims = identity.verifiedClaims(tokens.accessToken());
    assertEquals(staff.id().toString(), claims.getString("sub"));
    assertEquals("STAFF", claims.getString("realm"));
    assertEquals(new JsonArray().add("catalog").add("fulfilment"), claims.getJsonArray("roles"));
  }

  @Test
  void customerCredentialsNeverOpenTheStaffRealmAndViceVersa() {
    String customerEmail = IdentityFixture.email("realm-c");
    identity.request(IdentityApi.REGISTER_CUSTOMER, new RegisterCustomer(customerEmail, PASSWORD, "Cy"));
    String staffEmail = IdentityFixture.email("realm-s");
    identity.request(IdentityApi.CREATE_STAFF, new CreateStaff(staffEmail, PASSWORD, "St", Set.of(Role.ADMIN)));

    var asStaff = identity.failure(IdentityApi.LOGIN, attempt(Realm.STAFF, customerEmail, PASSWORD));
    var asCustomer = identity.failure(IdentityApi.LOGIN, attempt(Realm.CUSTOMER, staffEmail, PASSWORD));

    assertEquals(ErrorCode.INVALID_CREDENTIALS, asStaff.errorCode());
    assertEquals(ErrorCode.INVALID_CREDENTIALS, asCustomer.errorCode());
  }

  @Test
  void staffNeedsRolesAndAFreshEmail() {
    String email = IdentityFixture.email("roles");
    var noRoles = identity.failure(IdentityApi.CREATE_STAFF, new CreateStaff(email, PASSWORD, "No", Set.of()));
    assertEquals(ErrorCode.VALIDATION_FAILED, noRoles.errorCode());
    assertEquals("roles", noRoles.errors().get(0).field());

    identity.request(IdentityApi.CREATE_STAFF, new CreateStaff(email, PASSWORD, "Yes", Set.of(Role.ADMIN)));
    var again = identity.failure(IdentityApi.CREATE_STAFF,
      new CreateStaff(email.toUpperCase(), PASSWORD, "Again", Set.of(Role.CATALOG)));
    assertEquals(ErrorCode.EMAIL_TAKEN, again.errorCode());
  }

  @Test
  void anUnknownStaffMemberIsNotFound() {
    var failure = identity.failure(IdentityApi.GET_STAFF, new GetStaff(UUID.randomUUID()));

    assertEquals(ErrorCode.STAFF_NOT_FOUND, failure.errorCode());
  }

  @Test
  void twoLoginsStartDifferentSessions() {
    String email = IdentityFixture.email("twice");
    identity.request(IdentityApi.REGISTER_CUSTOMER, new RegisterCustomer(email, PASSWORD, "Tw"));

    assertNotEquals(login(Realm.CUSTOMER, email, PASSWORD).refreshToken(), login(Realm.CUSTOMER, email, PASSWORD).refreshToken());
  }

  private static Tokens login(Realm realm, String email, String password) {
    return identity.request(IdentityApi.LOGIN, attempt(realm, email, password));
  }

  /** From a random client address, so that the per-IP limit of parallel tests never interferes. */
  private static Login attempt(Realm realm, String email, String password) {
    return new Login(realm, email, password, "test-" + UUID.randomUUID());
  }
}
