package io.kinetic.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.contract.identity.CustomerView;
import io.kinetic.kernel.contract.identity.GetCustomer;
import io.kinetic.kernel.contract.identity.Login;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.contract.identity.RegisterCustomer;
import io.kinetic.kernel.contract.identity.Tokens;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.FieldError;
import io.vertx.sqlclient.Tuple;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RegistrationTest {

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
  void registersACustomerWithANormalizedEmailThatCanBeReadBack() {
    String email = IdentityFixture.email("Reg");
    CustomerView created = register("  " + email.toUpperCase() + " ", PASSWORD, "  Ann Smith ");

    assertEquals(email.toLowerCase(), created.email());
    assertEquals("Ann Smith", created.name());
    assertNotNull(created.id());
    assertNotNull(created.createdAt());
    CustomerView read = identity.request(IdentityApi.GET_CUSTOMER, new GetCustomer(created.id()));
    assertEquals(created, read);
  }

  @Test
  void theSameEmailInAnotherCaseIsTaken() {
    String email = IdentityFixture.email("dup");
    register(email, PASSWORD, "First");

    var failure = identity.failure(IdentityApi.REGISTER_CUSTOMER,
      new RegisterCustomer(email.toUpperCase(), PASSWORD, "Second"));

    assertEquals(ErrorCode.EMAIL_TAKEN, failure.errorCode());
  }

  /** One address typed in two canonically equivalent ways (NFC é, or e + U+0301) is one account. */
  @Test
  void theSameEmailInAnotherUnicodeFormIsTaken() {
    String local = "jos\u00e9-" + UUID.randomUUID();
    String nfc = local + "@example.com";
    String nfd = local.replace("\u00e9", "e\u0301") + "@EXAMPLE.com";
    CustomerView created = register(nfd, PASSWORD, "First");
    assertEquals(nfc, created.email(), "kept in NFC");

    assertEquals(ErrorCode.EMAIL_TAKEN, identity.failure(IdentityApi.REGISTER_CUSTOMER,
      new RegisterCustomer(nfc, PASSWORD, "Second")).errorCode());
    Tokens tokens = identity.request(IdentityApi.LOGIN, new Login(Realm.CUSTOMER, nfc, PASSWORD, "127.0.0.77"));
    assertEquals(created.id().toString(), identity.verifiedClaims(tokens.accessToken()).getString("sub"));
  }

  @Test
  void aLocalPartHoldsOnlyWhatAnAddressAllowsUnquoted() {
    for (String local : new String[] {"<script>", "a(b)", "a[b]", "a\\b", "\"ab\"", "a,b", "a;b", "a:b", "a b", "a\tb"}) {
      var failure = identity.failure(IdentityApi.REGISTER_CUSTOMER,
        new RegisterCustomer(local + "@example.com", PASSWORD, "Ada"));
      assertEquals(ErrorCode.VALIDATION_FAILED, failure.errorCode(), local);
      assertEquals("email", failure.errors().get(0).field(), local);
      assertEquals("must be a valid e-mail address of at most 254 characters", failure.errors().get(0).message(), local);
    }
    for (String local : new String[] {"o'brien+shop", "a.b_c-d", "!#$%&*/=?^`{|}~", "zo\u00eb", "\u0645\u062d\u0645\u062f", "\u0928\u092e\u0938\u094d\u0924\u0947"}) {
      String email = local + "-" + UUID.randomUUID() + "@ex\u00e4mple.com";
      assertEquals(email, register(email, PASSWORD, "Ada").email(), local);
    }
  }

  @Test
  void passwordsOutside10To200CharactersAreWeak() {
    for (String password : new String[] {"123456789", "x".repeat(201)}) {
      var failure = identity.failure(IdentityApi.REGISTER_CUSTOMER,
        new RegisterCustomer(IdentityFixture.email("weak"), password, "Weak"));
      assertEquals(ErrorCode.WEAK_PASSWORD, failure.errorCode(), "length " + password.length());
    }
    assertNotNull(register(IdentityFixture.email("ten"), "0123456789", "Ten"));
    assertNotNull(register(IdentityFixture.email("max"), "y".repeat(200), "Max"));
  }

  /**
   * PostgreSQL cannot store U+0000 in text (SQLSTATE 22021): the database's refusal is the
   * client's error, VALIDATION_FAILED, never INTERNAL, for registration and login alike.
   */
  @Test
  void aNulCharacterThatOnlyTheDatabaseRefusesIsAClientError() {
    var badName = identity.failure(IdentityApi.REGISTER_CUSTOMER,
      new RegisterCustomer(IdentityFixture.email("nul-name"), PASSWORD, "Ann\u0000Smith"));
    assertEquals(ErrorCode.VALIDATION_FAILED, badName.errorCode(), badName.detail());
    var badEmail = identity.failure(IdentityApi.REGISTER_CUSTOMER,
      new RegisterCustomer("nul\u0000" + IdentityFixture.email("x"), PASSWORD, "Ann"));
    assertEquals(ErrorCode.VALIDATION_FAILED, badEmail.errorCode(), badEmail.detail());
    var login = identity.failure(IdentityApi.LOGIN,
      new Login(Realm.CUSTOMER, "nul\u0000" + IdentityFixture.email("x"), PASSWORD, "127.0.0.9"));
    assertTrue(login.errorCode().httpStatus() < 500, login.errorCode() + ": " + login.detail());
  }

  @Test
  void anInvalidEmailAndNameAreReportedPerField() {
    var failure = identity.failure(IdentityApi.REGISTER_CUSTOMER, new RegisterCustomer("not-an-email", PASSWORD, " "));

    assertEquals(ErrorCode.VALIDATION_FAILED, failure.errorCode());
    Set<String> fields = failure.errors().stream().map(FieldError::field).collect(Collectors.toSet());
    assertEquals(Set.of("email", "name"), fields);
    String tooLong = "a".repeat(250) + "@example.com";
    var longFailure = identity.failure(IdentityApi.REGISTER_CUSTOMER, new RegisterCustomer(tooLong, PASSWORD, "Long"));
    assertEquals("email", longFailure.errors().get(0).field());
    var longName = identity.failure(IdentityApi.REGISTER_CUSTOMER,
      new RegisterCustomer(IdentityFixture.email("name"), PASSWORD, "n".repeat(101)));
    assertEquals("name", longName.errors().get(0).field());
    // invisible characters make a look-alike of another account's address: a zero-width space, a
    // no-break space, a right-to-left override
    for (String invisible : new String[] {"\u200b", "\u00a0", "\u202e"}) {
      var lookAlike = identity.failure(IdentityApi.REGISTER_CUSTOMER,
        new RegisterCustomer("ada" + invisible + "@example.com", PASSWORD, "Ada"));
      assertEquals(ErrorCode.VALIDATION_FAILED, lookAlike.errorCode(), invisible);
      assertEquals("email", lookAlike.errors().get(0).field());
    }
  }

  @Test
  void thePasswordIsStoredAsAPbkdf2HashOnly() {
    CustomerView created = register(IdentityFixture.email("hash"), PASSWORD, "Hash");

    var rows = IdentityFixture.await(identity.pool()
      .preparedQuery("SELECT password_hash FROM customer WHERE id = $1").execute(Tuple.of(created.id())));
    String hash = rows.iterator().next().getString("password_hash");
    assertTrue(hash.startsWith("pbkdf2-sha256$1000$"), hash);
    assertFalse(hash.contains(PASSWORD));
    assertEquals(4, hash.split("\\$").length);
  }

  @Test
  void anUnknownCustomerIsNotFound() {
    var failure = identity.failure(IdentityApi.GET_CUSTOMER, new GetCustomer(UUID.randomUUID()));

    assertEquals(ErrorCode.NOT_FOUND, failure.errorCode());
  }

  private static CustomerView register(String email, String password, String name) {
    return identity.request(IdentityApi.REGISTER_CUSTOMER, new RegisterCustomer(email, password, name));
  }
}
