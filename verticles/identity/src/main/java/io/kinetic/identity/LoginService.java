package io.kinetic.identity;

import io.kinetic.kernel.contract.identity.Login;
import io.kinetic.kernel.contract.identity.Tokens;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.vertx.core.Future;

/**
 * Password login into one realm: only that realm's table is searched, so customer credentials
 * never yield a staff token. An unknown e-mail and a wrong password fail alike, in about the same
 * time ({@code INVALID_CREDENTIALS}); throttled attempts fail {@code RATE_LIMITED} without the
 * password being checked. A deactivated staff member with the right password fails {@code ACCOUNT_DISABLED}
 * (telling only someone who knows the password).
 */
final class LoginService {

  private final AccountRepository accounts;
  private final PasswordHasher hasher;
  private final LoginLimiter limiter;
  private final TokenService tokens;

  LoginService(AccountRepository accounts, PasswordHasher hasher, LoginLimiter limiter, TokenService tokens) {
    this.accounts = accounts;
    this.hasher = hasher;
    this.limiter = limiter;
    this.tokens = tokens;
  }

  Future<Tokens> login(Login cmd) {
    if (cmd.realm() == null) {
      return Future.failedFuture(Failure.invalid("realm", "must be CUSTOMER or STAFF"));
    }
    String email = Credentials.normalizeEmail(cmd.email());
    String password = cmd.password() == null ? "" : cmd.password();
    // no account can have such credentials: answer without touching the counters or hashing
    if (email.isEmpty() || email.length() > Credentials.MAX_EMAIL || password.length() > 2 * Credentials.MAX_PASSWORD) {
      return invalidCredentials();
    }
    return limiter.acquire(cmd.realm(), email, cmd.clientIp())
      .compose(v -> accounts.findByEmail(cmd.realm(), email))
      .compose(found -> hasher.verify(password, found.map(Account::passwordHash).orElse(null))
        .compose(match -> match ? Future.succeededFuture(found.get()) : invalidCredentials()))
      .compose(account -> account.active() ? Future.succeededFuture(account)
        : Future.failedFuture(ErrorCode.ACCOUNT_DISABLED.failure("this account is deactivated")))
      .compose(account -> limiter.succeeded(cmd.realm(), email, cmd.clientIp()).compose(v -> tokens.issue(account)));
  }

  private static <T> Future<T> invalidCredentials() {
    return Future.failedFuture(ErrorCode.INVALID_CREDENTIALS.failure("e-mail or password is wrong"));
  }
}
