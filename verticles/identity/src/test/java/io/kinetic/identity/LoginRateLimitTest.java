package io.kinetic.identity;

import io.kinetic.kernel.bus.Caller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.identity.CreateStaff;
import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.contract.identity.Login;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.contract.identity.RegisterCustomer;
import io.kinetic.kernel.contract.identity.Role;
import io.kinetic.kernel.contract.identity.Tokens;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.redis.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs its own verticle with limits of 3 failures per e-mail and client address, 12 per client address
 * and 9 per e-mail from all addresses, in a 60 s window.
 */
class LoginRateLimitTest {

  private static final String PASSWORD = "correct horse battery";
  private static final int MAX = 3;
  private static final int PER_IP = 12;
  private static final int PER_EMAIL = 9;
  private static IdentityFixture identity;

  @BeforeAll
  static void start() {
    identity = IdentityFixture.start(new JsonObject().put("auth", new JsonObject().put("loginMaxFailures", MAX)
      .put("loginMaxFailuresPerIp", PER_IP).put("loginMaxFailuresPerEmail", PER_EMAIL).put("loginWindowSeconds", 60)));
  }

  @AfterAll
  static void stop() {
    identity.close();
  }

  @Test
  void afterMaxFailuresFromOneAddressThatAddressIsLimitedForTheEmailForTheWindow() {
    String email = register("limit");
    String attacker = ip();
    for (int i = 0; i < MAX; i++) {
      var failure = identity.failure(IdentityApi.LOGIN, attempt(email, "wrong password", attacker));
      assertEquals(ErrorCode.INVALID_CREDENTIALS, failure.errorCode());
    }

    var limited = identity.failure(IdentityApi.LOGIN, attempt(email, PASSWORD, attacker));

    assertEquals(ErrorCode.RATE_LIMITED, limited.errorCode());
    assertTrue(limited.retryAfterSeconds() > 0 && limited.retryAfterSeconds() <= 60, "retry after " + limited.retryAfterSeconds());
    var redis = RedisClients.create(identity.vertx, identity.config.redis().url(), 1, "test");
    long ttl = IdentityFixture.await(redis.ttl("identity:login-fail-from:customer:" + attacker + "/" + email)).toLong();
    assertTrue(ttl > 0 && ttl <= 60, "ttl " + ttl);
  }

  @Test
  void oneAddressGuessingCannotLockTheOwnerOutFromAnother() {
    String email = register("owner");
    String attacker = ip();
    for (int i = 0; i < PER_EMAIL + MAX; i++) {
      identity.failure(IdentityApi.LOGIN, attempt(email, "wrong password " + i, attacker));
    }
    assertEquals(ErrorCode.RATE_LIMITED, identity.failure(IdentityApi.LOGIN, attempt(email, PASSWORD, attacker)).errorCode());

    Tokens owner = identity.request(IdentityApi.LOGIN, attempt(email, PASSWORD, ip()));

    assertNotNull(owner.accessToken(), "the attacker's refused attempts did not count towards the e-mail's ceiling");
    assertEquals(ErrorCode.RATE_LIMITED, identity.failure(IdentityApi.LOGIN, attempt(email, PASSWORD, attacker)).errorCode(),
      "the owner's login does not lift the attacker's limit");
  }

  @Test
  void aStaffMemberIsNotLockedOutByAnotherAddressEither() {
    String email = IdentityFixture.email("staff-limit");
    identity.request(IdentityApi.CREATE_STAFF, new CreateStaff(email, PASSWORD, "Staff", Set.of(Role.ADMIN)));
    String attacker = ip();
    for (int i = 0; i < MAX; i++) {
      assertEquals(ErrorCode.INVALID_CREDENTIALS,
        identity.failure(IdentityApi.LOGIN, new Login(Realm.STAFF, email, "wrong password", attacker)).errorCode());
    }
    assertEquals(ErrorCode.RATE_LIMITED,
      identity.failure(IdentityApi.LOGIN, new Login(Realm.STAFF, email, PASSWORD, attacker)).errorCode());

    Tokens staff = identity.request(IdentityApi.LOGIN, new Login(Realm.STAFF, email, PASSWORD, ip()));

    assertNotNull(staff.accessToken());
  }

  @Test
  void failuresFromManyAddressesReachTheEmailsCeiling() {
    String email = register("ceiling");
    for (int i = 0; i < PER_EMAIL; i++) {
      assertEquals(ErrorCode.INVALID_CREDENTIALS, identity.failure(IdentityApi.LOGIN, attempt(email, "wrong password", ip())).errorCode());
    }

    var limited = identity.failure(IdentityApi.LOGIN, attempt(email, PASSWORD, ip()));

    assertEquals(ErrorCode.RATE_LIMITED, limited.errorCode());
    assertTrue(limited.retryAfterSeconds() > 0 && limited.retryAfterSeconds() <= 60, "retry after " + limited.retryAfterSeconds());
    var redis = RedisClients.create(identity.vertx, identity.config.redis().url(), 1, "test");
    long ttl = IdentityFixture.await(redis.ttl("identity:login-fail:customer:" + email)).toLong();
    assertTrue(ttl > 0 && ttl <= 60, "ttl " + ttl);
  }

  @Test
  void aSuccessfulLoginClearsTheFailuresOfTheEmailFromThatAddress() {
    String email = register("clear");
    String ip = ip();
    for (int round = 0; round < 4; round++) {
      for (int i = 0; i < MAX - 1; i++) {
        identity.failure(IdentityApi.LOGIN, attempt(email, "wrong password", ip));
      }
      Tokens tokens = identity.request(IdentityApi.LOGIN, attempt(email, PASSWORD, ip));
      assertNotNull(tokens.accessToken(), "round " + round);
    }
  }

  @Test
  void oneClientIsLimitedAcrossEmails() {
    String ip = ip();
    for (int account = 0; account < PER_IP / MAX; account++) {
      String other = IdentityFixture.email("ip-" + account);
      for (int i = 0; i < MAX; i++) {
        assertEquals(ErrorCode.INVALID_CREDENTIALS, identity.failure(IdentityApi.LOGIN, attempt(other, "wrong password", ip)).errorCode());
      }
    }
    String email = register("ip");

    var limited = identity.failure(IdentityApi.LOGIN, attempt(email, PASSWORD, ip));

    assertEquals(ErrorCode.RATE_LIMITED, limited.errorCode(), "an e-mail this address never tried");
    assertTrue(limited.retryAfterSeconds() > 0 && limited.retryAfterSeconds() <= 60, "retry after " + limited.retryAfterSeconds());
    Tokens fromElsewhere = identity.request(IdentityApi.LOGIN, attempt(email, PASSWORD, ip()));
    assertNotNull(fromElsewhere.accessToken());
  }

  @Test
  void aParallelBurstFromOneAddressGetsNoMoreGuessesThanTheLimit() {
    String email = register("burst");
    String ip = ip();
    Map<ErrorCode, Long> outcomes = burst(email, 12, i -> ip);
    assertEquals(Map.of(ErrorCode.INVALID_CREDENTIALS, (long) MAX, ErrorCode.RATE_LIMITED, 12L - MAX), outcomes);
  }

  @Test
  void aParallelBurstFromManyAddressesGetsNoMoreGuessesThanTheCeiling() {
    String email = register("burst-many");
    Map<ErrorCode, Long> outcomes = burst(email, 20, i -> ip());
    assertEquals(Map.of(ErrorCode.INVALID_CREDENTIALS, (long) PER_EMAIL, ErrorCode.RATE_LIMITED, 20L - PER_EMAIL), outcomes);
  }

  @Test
  void caseAndWhitespaceVariantsOfAnEmailShareOneCounter() {
    String email = register("variant");
    String ip = ip();
    List<String> variants = List.of(email.toUpperCase(), "  " + email + "\t", " " + email.substring(0, 1).toUpperCase() + email.substring(1));
    for (String variant : variants) {
      assertEquals(ErrorCode.INVALID_CREDENTIALS, identity.failure(IdentityApi.LOGIN, attempt(variant, "wrong password", ip)).errorCode());
    }

    var limited = identity.failure(IdentityApi.LOGIN, attempt(email, PASSWORD, ip));

    assertEquals(ErrorCode.RATE_LIMITED, limited.errorCode(), "variants of one e-mail are one account and one counter");
  }

  private static Map<ErrorCode, Long> burst(String email, int attempts, IntFunction<String> ipOf) {
    List<Future<Tokens>> sent = new ArrayList<>();
    for (int i = 0; i < attempts; i++) {
      sent.add(identity.bus.request(IdentityApi.LOGIN, attempt(email, "wrong password " + i, ipOf.apply(i)), Caller.SYSTEM));
    }
    IdentityFixture.await(Future.join(sent).otherwiseEmpty());
    return sent.stream().collect(Collectors.groupingBy(f -> Failure.from(f.cause()).errorCode(), Collectors.counting()));
  }

  private static String register(String prefix) {
    String email = IdentityFixture.email(prefix);
    identity.request(IdentityApi.REGISTER_CUSTOMER, new RegisterCustomer(email, PASSWORD, "Rate"));
    return email;
  }

  private static Login attempt(String email, String password, String ip) {
    return new Login(Realm.CUSTOMER, email, password, ip);
  }

  private static String ip() {
    return "test-" + UUID.randomUUID();
  }
}
