package io.kinetic.identity;

import io.kinetic.kernel.contract.Deleted;
import io.kinetic.kernel.contract.identity.Logout;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.contract.identity.RefreshTokens;
import io.kinetic.kernel.contract.identity.Tokens;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.id.Ids;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Issues, rotates and revokes refresh tokens. A login starts a token family; each refresh revokes
 * the presented token and issues its successor in the family. Presenting a token that was already
 * rotated means two parties hold it (likely theft): the whole family is revoked. Except within the
 * reuse grace ({@code auth.refreshReuseGraceSeconds}) after its rotation, while its successor is still
 * live: two tabs refreshing at once, or a client retrying after a lost answer, then get another
 * successor in the same family (only hashes are stored, so the first answer's tokens cannot be given
 * again), and both sessions go on. This is the "reuse interval" of Auth0 and Okta's grace period.
 */
final class TokenService {

  private static final Logger LOG = Logger.getLogger(TokenService.class.getName());
  /** Generated tokens are 43 characters; anything much longer is not ours and is not worth hashing. */
  private static final int MAX_TOKEN_LENGTH = 128;

  private final Pool pool;
  private final AccountRepository accounts;
  private final TokenRepository tokens;
  private final TokenIssuer issuer;
  private final long refreshTtlSeconds;
  private final int reuseGraceSeconds;

  TokenService(Pool pool, AccountRepository accounts, TokenRepository tokens, TokenIssuer issuer, long refreshTtlSeconds,
               long reuseGraceSeconds) {
    this.pool = pool;
    this.accounts = accounts;
    this.tokens = tokens;
    this.issuer = issuer;
    this.refreshTtlSeconds = refreshTtlSeconds;
    this.reuseGraceSeconds = (int) Math.max(0, Math.min(Integer.MAX_VALUE, reuseGraceSeconds));
  }

  /** A fresh token pair in a new family, after a successful login. */
  Future<Tokens> issue(Account account) {
    String refresh = TokenIssuer.newRefreshToken();
    UUID id = Ids.newId();
    return tokens.insert(pool, id, id, account, TokenIssuer.hash(refresh), expiry())
      .map(v -> issuer.tokens(account, refresh));
  }

  /**
   * Rotates {@code cmd.refreshToken()} in one transaction. Fails {@code TOKEN_INVALID} when the token is
   * unknown, expired, of another realm (left untouched), revoked (then its family is revoked, and stays so:
   * the revocation commits) or its account is gone or deactivated. A token rotated less than the reuse
   * grace ago whose successor is still live is no reuse, up to {@link IdentitySql#GRACE_PRESENTATIONS}
   * times: it yields another successor in its family (one presentation more is reuse). So a few concurrent
   * refreshes with one token all succeed, each with a session of its own.
   */
  Future<Tokens> refresh(RefreshTokens cmd) {
    String token = cmd.refreshToken();
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      return invalid();
    }
    Buffer hash = TokenIssuer.hash(token);
    return pool.withTransaction(tx -> rotate(tx, hash, cmd.realm()))
      .compose(rotated -> rotated.map(Future::succeededFuture).orElseGet(TokenService::invalid));
  }

  /** Revokes the token's family, i.e. the session; idempotent, and an unknown token is no error. */
  Future<Deleted> logout(Logout cmd) {
    String token = cmd.refreshToken();
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      return Future.succeededFuture(new Deleted("refresh-token"));
    }
    return tokens.revokeFamilyOf(pool, TokenIssuer.hash(token)).map(v -> new Deleted("refresh-token"));
  }

  private Future<Optional<Tokens>> rotate(SqlConnection tx, Buffer hash, Realm realm) {
    return tokens.lock(tx, hash, reuseGraceSeconds).compose(found -> {
      if (found.isEmpty() || found.get().expired() || found.get().realm() != realm) {
        return Future.succeededFuture(Optional.empty());
      }
      var stored = found.get();
      if (!stored.revoked()) {
        return successor(tx, stored, true);
      }
      if (stored.inGrace()) {
        return tokens.live(tx, stored.replacedBy())
          .compose(live -> live ? successor(tx, stored, false) : refused(tx, stored));
      }
      return refused(tx, stored);
    });
  }

  /**
   * A new token in the family of {@code stored} for its account, if still active: its successor
   * ({@code rotate}: {@code stored} is marked replaced), or another one beside the successor it has.
   */
  private Future<Optional<Tokens>> successor(SqlConnection tx, TokenRepository.StoredToken stored, boolean rotate) {
    return accounts.findById(tx, stored.realm(), stored.subjectId()).compose(account -> {
      if (account.isEmpty() || !account.get().active()) {
        return tokens.revokeFamily(tx, stored.familyId()).map(n -> {
          logDisabled(stored);
          return Optional.empty();
        });
      }
      if (!rotate) {
        LOG.fine(() -> "refresh token presented again within " + reuseGraceSeconds + " s of its rotation: another session in family "
          + stored.familyId());
      }
      String next = TokenIssuer.newRefreshToken();
      UUID nextId = Ids.newId();
      return tokens.insert(tx, nextId, stored.familyId(), account.get(), TokenIssuer.hash(next), expiry())
        .compose(v -> rotate ? tokens.markReplaced(tx, stored.id(), nextId) : tokens.useGrace(tx, stored.id()))
        .map(v -> Optional.of(issuer.tokens(account.get(), next)));
    });
  }

  /**
   * A revoked token presented: its family is revoked (and stays so: the revocation commits). Logged as
   * what it is: a deactivated or deleted account (info), a rotated token reused while its family was live
   * (likely theft, a warning), or a token of a session already ended (signed out, revoked before; info).
   */
  private Future<Optional<Tokens>> refused(SqlConnection tx, TokenRepository.StoredToken stored) {
    return accounts.findById(tx, stored.realm(), stored.subjectId()).compose(account ->
      tokens.revokeFamily(tx, stored.familyId()).map(revokedNow -> {
        if (account.isEmpty() || !account.get().active()) {
          logDisabled(stored);
        } else if (revokedNow > 0) {
          LOG.warning("refresh token reused: revoking token family " + stored.familyId() + " of " + stored.realm()
            + " " + stored.subjectId());
        } else {
          LOG.info("refresh refused: the token's session has ended (signed out or revoked), token family " + stored.familyId()
            + " of " + stored.realm() + " " + stored.subjectId());
        }
        return Optional.<Tokens>empty();
      }));
  }

  private static void logDisabled(TokenRepository.StoredToken stored) {
    LOG.info("refresh refused: the " + stored.realm() + " account " + stored.subjectId()
      + " is deactivated or deleted, token family " + stored.familyId());
  }

  private OffsetDateTime expiry() {
    return OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(refreshTtlSeconds);
  }

  private static <T> Future<T> invalid() {
    return Future.failedFuture(ErrorCode.TOKEN_INVALID.failure("the refresh token is invalid, expired or revoked"));
  }
}
