package io.kinetic.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.contract.identity.CustomerView;
import io.kinetic.kernel.contract.identity.RegisterCustomer;
import io.kinetic.kernel.error.ErrorCode;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Its own verticle with at most 3 registrations per client address in a 60 s window. */
class RegistrationRateLimitTest {

  private static final String PASSWORD = "correct horse battery";
  private static final int MAX = 3;
  private static IdentityFixture identity;

  @BeforeAll
  static void start() {
    identity = IdentityFixture.start(new JsonObject()
      .put("auth", new JsonObject().put("registerMaxPerIp", MAX).put("registerWindowSeconds", 60)));
  }

  @AfterAll
  static void stop() {
    identity.close();
  }

  @Test
  void aClientAddressRegistersAtMostMaxAccountsPerWindowWithARetryAfter() {
    String ip = ip();
    for (int i = 0; i < MAX; i++) {
      CustomerView created = identity.request(IdentityApi.REGISTER_CUSTOMER, registration(ip));
      assertTrue(created.email().startsWith("reg-limit"));
    }
    var failure = identity.failure(IdentityApi.REGISTER_CUSTOMER, registration(ip));
    assertEquals(ErrorCode.RATE_LIMITED, failure.errorCode());
    assertTrue(failure.retryAfterSeconds() > 0 && failure.retryAfterSeconds() <= 60, "retry after " + failure.retryAfterSeconds());

    CustomerView elsewhere = identity.request(IdentityApi.REGISTER_CUSTOMER, registration(ip()));
    assertTrue(elsewhere.email().startsWith("reg-limit"), "another address is not limited");
    for (int i = 0; i <= MAX; i++) {
      identity.<CustomerView>request(IdentityApi.REGISTER_CUSTOMER, registration(null));
    }
  }

  @Test
  void anAttemptRejectedBeforeHashingDoesNotCount() {
    String ip = ip();
    for (int i = 0; i < MAX + 2; i++) {
      var weak = new RegisterCustomer(IdentityFixture.email("weak"), "short", "Weak", ip);
      assertEquals(ErrorCode.WEAK_PASSWORD, identity.failure(IdentityApi.REGISTER_CUSTOMER, weak).errorCode());
    }
    identity.<CustomerView>request(IdentityApi.REGISTER_CUSTOMER, registration(ip));
  }

  private static RegisterCustomer registration(String ip) {
    return new RegisterCustomer(IdentityFixture.email("reg-limit"), PASSWORD, "Limited", ip);
  }

  /** A unique client per test and run, so counters left in a shared Redis never interfere. */
  private static String ip() {
    return "test-" + UUID.randomUUID();
  }
}
