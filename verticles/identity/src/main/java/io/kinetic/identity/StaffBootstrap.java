package io.kinetic.identity;

import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.identity.CreateStaff;
import io.kinetic.kernel.contract.identity.Role;
import io.kinetic.kernel.contract.identity.StaffView;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.pg.PgPools;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The first administrator, for the composition root at start-up (after the identity migrations).
 * The root reads {@code COMMERCE_ADMIN_EMAIL}/{@code COMMERCE_ADMIN_PASSWORD}, or generates a
 * password when {@link #anyStaff()} says nobody could log in to the admin yet, then calls
 * {@link #ensureAdmin}. Each call borrows the identity pool and releases it when done.
 */
public final class StaffBootstrap {

  public static final String ADMIN_NAME = "Administrator";

  private final Vertx vertx;
  private final AppConfig config;

  public StaffBootstrap(Vertx vertx, AppConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  /** Whether at least one staff member exists. */
  public Future<Boolean> anyStaff() {
    return withServices((accounts, staff) -> accounts.anyStaff());
  }

  /**
   * The staff member with {@code email}, created with role {@code ADMIN}, name {@value #ADMIN_NAME}
   * and {@code password} when there is none (an existing one is returned unchanged, its password
   * untouched). Fails {@code VALIDATION_FAILED} for a bad e-mail, {@code WEAK_PASSWORD} for a password
   * outside 10..200 characters.
   */
  public Future<StaffView> ensureAdmin(String email, String password) {
    return withServices((accounts, staff) -> accounts.staffByEmail(email).compose(found -> found.isPresent()
      ? Future.succeededFuture(found.get())
      : staff.create(new CreateStaff(email, password, ADMIN_NAME, Set.of(Role.ADMIN)), null)
        .recover(t -> createdElsewhere(accounts, email, t))));
  }

  /** Another node created the same admin in the meantime: answer with that one. */
  private static Future<StaffView> createdElsewhere(AccountService accounts, String email, Throwable failure) {
    if (Failure.from(failure).errorCode() != ErrorCode.EMAIL_TAKEN) {
      return Future.failedFuture(failure);
    }
    return accounts.staffByEmail(email)
      .compose(found -> found.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(failure)));
  }

  private <T> Future<T> withServices(BiFunction<AccountService, StaffService, Future<T>> work) {
    var pool = PgPools.forTask(vertx, config.pg().url(), config.pg().poolSize(), IdentityModule.SCHEMA, "bootstrap");
    var hasher = new PasswordHasher(vertx, config.auth());
    var repository = new AccountRepository(pool);
    var accounts = new AccountService(repository, hasher, null);
    var staff = new StaffService(new StaffRepository(pool, repository), hasher);
    return Future.succeededFuture().compose(v -> work.apply(accounts, staff)).eventually(hasher::close).eventually(pool::close);
  }
}
