package io.kinetic.identity;

import io.kinetic.kernel.contract.identity.CustomerView;
import io.kinetic.kernel.contract.identity.GetCustomer;
import io.kinetic.kernel.contract.identity.GetStaff;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.contract.identity.RegisterCustomer;
import io.kinetic.kernel.contract.identity.StaffView;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.id.Ids;
import io.vertx.core.Future;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Registering customers, and reading customer and staff accounts (staff are created by {@link StaffService}). */
final class AccountService {

  private final AccountRepository accounts;
  private final PasswordHasher hasher;
  private final RegistrationLimiter registrations;

  /** {@code registrations} null: no registration limit (for callers that register no customers). */
  AccountService(AccountRepository accounts, PasswordHasher hasher, RegistrationLimiter registrations) {
    this.accounts = accounts;
    this.hasher = hasher;
    this.registrations = registrations;
  }

  /**
   * Fails {@code VALIDATION_FAILED} (with field errors), {@code WEAK_PASSWORD}, {@code EMAIL_TAKEN},
   * or {@code RATE_LIMITED}: a well-formed attempt counts against its client address before the
   * password is hashed.
   */
  Future<CustomerView> register(RegisterCustomer cmd) {
    String email = Credentials.normalizeEmail(cmd.email());
    String name = Credentials.normalizeName(cmd.name());
    var failure = Credentials.check(email, cmd.password(), name);
    if (failure.isPresent()) {
      return Future.failedFuture(failure.get());
    }
    Future<Void> allowed = registrations == null ? Future.succeededFuture() : registrations.acquire(cmd.clientIp());
    return allowed.compose(v -> hasher.hash(cmd.password()))
      .compose(hash -> accounts.insertCustomer(Ids.newId(), email, name, hash))
      .map(Account::customerView);
  }

  Future<CustomerView> customer(GetCustomer query) {
    return find(Realm.CUSTOMER, query.id()).map(Account::customerView);
  }

  Future<StaffView> staff(GetStaff query) {
    return find(Realm.STAFF, query.id()).map(Account::staffView);
  }

  /** The staff member with the (not yet normalized) e-mail, if any. */
  Future<Optional<StaffView>> staffByEmail(String email) {
    return accounts.findByEmail(Realm.STAFF, Credentials.normalizeEmail(email)).map(found -> found.map(Account::staffView));
  }

  Future<Boolean> anyStaff() {
    return accounts.anyStaff();
  }

  private Future<Account> find(Realm realm, UUID id) {
    if (id == null) {
      return Future.failedFuture(Failure.invalid("id", "must not be null"));
    }
    String what = realm.name().toLowerCase(Locale.ROOT) + " " + id;
    return accounts.findById(realm, id).compose(found -> found
      .map(Future::succeededFuture)
      // a staff member unknown is STAFF_NOT_FOUND, as deactivating or changing the roles of one answers
      .orElseGet(() -> Future.failedFuture((realm == Realm.STAFF ? ErrorCode.STAFF_NOT_FOUND : ErrorCode.NOT_FOUND)
        .failure(what + " not found"))));
  }
}
