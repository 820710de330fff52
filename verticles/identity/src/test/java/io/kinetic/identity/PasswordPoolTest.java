package io.kinetic.identity;

import io.kinetic.kernel.bus.Caller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.contract.identity.Login;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A burst of logins queues on the password-hashing pool (one thread here) and leaves the Vert.x
 * worker pool (two threads here) free: blocking work submitted in the middle of the burst runs at
 * once instead of waiting behind the hashes.
 */
class PasswordPoolTest {

  private static final int LOGINS = 16;
  private static IdentityFixture identity;

  @BeforeAll
  static void start() {
    identity = IdentityFixture.start(new JsonObject().put("auth", new JsonObject()
        .put("hashWorkers", 1).put("passwordIterations", 60_000).put("loginMaxFailures", 1000)),
      new VertxOptions().setWorkerPoolSize(2));
  }

  @AfterAll
  static void stop() {
    identity.close();
  }

  @Test
  void otherBlockingWorkIsNotStarvedByABurstOfLogins() {
    var done = new AtomicInteger();
    Promise<Void> first = Promise.promise();
    List<Future<Object>> logins = new ArrayList<>();
    for (int i = 0; i < LOGINS; i++) {
      var login = new Login(Realm.CUSTOMER, IdentityFixture.email("nobody"), "some password", null);
      logins.add(identity.bus.request(IdentityApi.LOGIN.address(), login, "password-pool").onComplete(r -> {
        done.incrementAndGet();
        first.tryComplete();
      }));
    }
    // by now every login has reached the hashing queue
    IdentityFixture.await(first.future());

    int pendingWhenTheOtherWorkRan = IdentityFixture.await(
      identity.vertx.executeBlocking(() -> LOGINS - done.get(), false));

    assertTrue(pendingWhenTheOtherWorkRan >= LOGINS / 2,
      "the worker pool ran other work while " + pendingWhenTheOtherWorkRan + " logins were still hashing");
    IdentityFixture.await(Future.join(logins).recover(t -> Future.succeededFuture()));
    for (var login : logins) {
      assertEquals(ErrorCode.INVALID_CREDENTIALS, Failure.from(login.cause()).errorCode(), "each unknown e-mail was hashed and refused");
    }
  }
}
