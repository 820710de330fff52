package io.kinetic.identity;

import io.kinetic.kernel.bus.Caller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.contract.identity.Login;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.contract.identity.RegisterCustomer;
import io.kinetic.kernel.contract.identity.Tokens;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.redis.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs its own verticle with a limit of 3 failures per e-mail (30 per client) in a 60 s window. */
class LoginRateLimitTest {

  private static final String PASSWORD = "correct horse battery";
  private static final int MAX = 3;
  private static IdentityFixture identity;

  @BeforeAll
  static void start() {
    identity = IdentityFixture.start(new JsonObject()
      .put("auth", new JsonObject().put("loginMaxFailures", MAX).put("loginWindowSeconds", 60)));
  }

  @AfterAll
  static void stop() {
    identity.close();
  }

  @Test
  void afterMaxFailuresEvenTheRightPasswordIsRateLimitedForTheWindow() {
    String email = register("limit");
    for (int i = 0; i < MAX; i++) {
      var failure = identity.failure(IdentityApi.LOGIN, attempt(email, "wrong password", ip()));
      assertEquals(ErrorCode.INVALID_CREDENTIALS, failure.errorCode());
    }

    var limited = identity.failure(IdentityApi.LOGIN, attempt(email, PASSWORD, ip()));

    assertEquals(ErrorCode.RATE_LIMITED, limited.errorCode());
    assertTrue(limited.retryAfterSeconds() > 0 && limited.retryAfterSeconds() <= 60, "retry after " + limited.retryAfterSeconds());
    var redis = RedisClients.create(identity.vertx, identity.config.redis().url(), 1, "test");
    long ttl = IdentityFixture.await(redis.ttl("identity:login-fail:customer:" + email)).toLong();
    assertTrue(ttl > 0 && ttl <= 60, "ttl " + ttl);
  }

  @Test
  void aSuccessfulLoginClearsTheFailuresOfTheEmail() {
    String email = register("clear");
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < MAX - 1; i++) {
        identity.failure(IdentityApi.LOGIN, attempt(email, "wrong password", ip()));
      }
      Tokens tokens = identity.request(IdentityApi.LOGIN, attempt(email, PASSWORD, ip()));
      assertNotNull(tokens.accessToken(), "round " + round);
    }
  }

  @Test
  void oneClientIsLimitedAcrossEmailsAtTenTimesTheLimit() {
    String ip = ip();
    for (int account = 0; account < 10; account++) {
      String other = IdentityFixture.email("ip-" + account);
      for (int i = 0; i < MAX; i++) {
        identity.failure(IdentityApi.LOGIN, attempt(other, "wrong password", ip));
      }
    }
    String email = register("ip");

    assertEquals(ErrorCode.RATE_LIMITED, identity.failure(IdentityApi.LOGIN, attempt(email, PASSWORD, ip)).errorCode());
    Tokens fromElsewhere = identity.request(IdentityApi.LOGIN, attempt(email, PASSWORD, ip()));
    assertNotNull(fromElsewhere.accessToken());
  }

  @Test
  void aParallelBurstGetsNoMoreGuessesThanTheLimit() {
    String email = register("burst");
    List<Future<Tokens>> attempts = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      attempts.add(identity.bus.request(IdentityApi.LOGIN, attempt(email, "wrong password " + i, ip()), Caller.SYSTEM));
    }
    IdentityFixture.await(Future.join(attempts).otherwiseEmpty());

    Map<ErrorCode, Long> outcomes = attempts.stream()
      .collect(Collectors.groupingBy(f -> Failure.from(f.cause()).errorCode(), Collectors.counting()));
    assertEquals(Map.of(ErrorCode.INVALID_CREDENTIALS, (long) MAX, ErrorCode.RATE_LIMITED, 12L - MAX), outcomes);
  }

  @Test
  void caseAndWhitespaceVariantsOfAnEmailShareOneCounter() {
    String email = register("variant");
    List<String> variants = List.of(email.toUpperCase(), "  " + email + "\t", " " + email.substring(0, 1).toUpperCase() + email.substring(1));
    for (String variant : variants) {
      assertEquals(ErrorCode.INVALID_CREDENTIALS, identity.failure(IdentityApi.LOGIN, attempt(variant, "wrong password", ip())).errorCode());
    }

    var limited = identity.failure(IdentityApi.LOGIN, attempt(email, PASSWORD, ip()));

    assertEquals(ErrorCode.RATE_LIMITED, limited.errorCode(), "variants of one e-mail are one account and one counter");
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
