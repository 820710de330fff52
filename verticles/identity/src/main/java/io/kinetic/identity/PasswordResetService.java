package io.kinetic.identity;

import io.kinetic.kernel.auth.SealedText;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.identity.PasswordResetAccepted;
import io.kinetic.kernel.contract.identity.PasswordResetDone;
import io.kinetic.kernel.contract.identity.PasswordResetRequested;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.contract.identity.RequestPasswordReset;
import io.kinetic.kernel.contract.identity.ResetPassword;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.id.Ids;
import io.kinetic.kernel.outbox.Outbox;
import io.kinetic.kernel.outbox.OutboxRelay;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Forgotten passwords of customers. A request answers the same whether or not an account has the
 * e-mail (no account enumeration); for an account it stores the SHA-256 of a new random token
 * (valid {@code auth.resetTtlSeconds}, once; older open tokens of the account are used up) and, in
 * the same transaction, logs {@link PasswordResetRequested} with the token sealed for the mail
 * sender. A reset with the token sets the new password (the registration's rules), uses the token
 * up and ends every session (refresh token) of the customer.
 */
final class PasswordResetService {

  private static final int MAX_TOKEN = 200;

  private final Vertx vertx;
  private final Pool pool;
  private final AccountRepository accounts;
  private final TokenRepository tokens;
  private final PasswordHasher hasher;
  private final ResetLimiter limiter;
  private final byte[] sealKey;
  private final long ttlSeconds;

  PasswordResetService(Vertx vertx, Pool pool, AccountRepository accounts, TokenRepository tokens, PasswordHasher hasher,
                       ResetLimiter limiter, byte[] sealKey, long ttlSeconds) {
    this.vertx = vertx;
    this.pool = pool;
    this.accounts = accounts;
    this.tokens = tokens;
    this.hasher = hasher;
    this.limiter = limiter;
    this.sealKey = sealKey.clone();
    this.ttlSeconds = ttlSeconds;
  }

  /** Fails {@code VALIDATION_FAILED} (a malformed e-mail), {@code RATE_LIMITED}; else the one answer. */
  Future<PasswordResetAccepted> request(RequestPasswordReset cmd, String correlationId) {
    String email = Credentials.normalizeEmail(cmd.email());
    var malformed = Credentials.checkEmail(email);
    if (malformed.isPresent()) {
      return Future.failedFuture(malformed.get());
    }
    var answer = new PasswordResetAccepted(Math.max(1, ttlSeconds / 60));
    return limiter.request(email, cmd.clientIp())
      .compose(v -> accounts.findByEmail(Realm.CUSTOMER, email))
      .compose(found -> found.isEmpty() ? Future.succeededFuture() : issue(found.get(), cmd.locale(), correlationId))
      .map(answer);
  }

  private Future<Void> issue(Account customer, String locale, String correlationId) {
    String token = TokenIssuer.newRefreshToken();
    Instant now = Instant.now();
    Instant expires = now.plusSeconds(ttlSeconds);
    var event = new PasswordResetRequested(Ids.newId(), now, customer.id(), customer.email(), customer.name(),
      locale, SealedText.seal(sealKey, token), expires);
    return pool.withTransaction(tx -> tx.preparedQuery(IdentitySql.USE_UP_RESETS).execute(Tuple.of(customer.id()))
        .compose(v -> tx.preparedQuery(IdentitySql.INSERT_RESET).execute(Tuple.of(Ids.newId(), customer.id(),
          TokenIssuer.hash(token), expires.atOffset(ZoneOffset.UTC))))
        .compose(v -> Outbox.append(tx, event, new Caller(correlationId, "customer:" + customer.id()))))
      .onSuccess(v -> OutboxRelay.poke(vertx, IdentityModule.SCHEMA));
  }

  /** Fails {@code VALIDATION_FAILED}, {@code WEAK_PASSWORD}, {@code RATE_LIMITED}, {@code RESET_TOKEN_INVALID}. */
  Future<PasswordResetDone> reset(ResetPassword cmd) {
    if (cmd.token() == null || cmd.token().isBlank()) {
      return Future.failedFuture(Failure.invalid("token", "must not be blank"));
    }
    if (cmd.password() == null) {
      return Future.failedFuture(Failure.invalid("password", "must not be null"));
    }
    if (!Credentials.passwordLengthOk(cmd.password())) {
      return Future.failedFuture(ErrorCode.WEAK_PASSWORD.failure(
        "password must be " + Credentials.MIN_PASSWORD + " to " + Credentials.MAX_PASSWORD + " characters"));
    }
    if (cmd.token().length() > MAX_TOKEN) {
      return Future.failedFuture(invalidToken());
    }
    Buffer hash = TokenIssuer.hash(cmd.token().strip());
    // the cheap check first: a wrong token costs no password hashing
    return limiter.attempt(cmd.clientIp())
      .compose(v -> pool.preparedQuery(IdentitySql.OPEN_RESET_EXISTS).execute(Tuple.of(hash)))
      .compose(rows -> rows.size() == 0 ? Future.<String>failedFuture(invalidToken()) : hasher.hash(cmd.password()))
      .compose(passwordHash -> pool.withTransaction(tx -> tx.preparedQuery(IdentitySql.LOCK_OPEN_RESET).execute(Tuple.of(hash))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(invalidToken());
          }
          UUID customer = rows.iterator().next().getUUID("customer_id");
          return tx.preparedQuery(IdentitySql.SET_CUSTOMER_PASSWORD).execute(Tuple.of(customer, passwordHash))
            .compose(updated -> tx.preparedQuery(IdentitySql.USE_UP_RESETS).execute(Tuple.of(customer))
              .compose(v -> tokens.revokeSubject(tx, customer, Realm.CUSTOMER))
              .map(v -> new PasswordResetDone(updated.iterator().next().getString("email"))));
        })));
  }

  /** Deletes up to {@code batch} reset tokens expired for more than a day; completes with how many. */
  Future<Integer> purgeExpired(int batch) {
    return pool.preparedQuery(IdentitySql.PURGE_OLD_RESETS).execute(Tuple.of(batch)).map(r -> r.rowCount());
  }

  private static Failure invalidToken() {
    return ErrorCode.RESET_TOKEN_INVALID.failure("the link is invalid, used already or expired: ask for a new one");
  }
}
