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
 * rotated or revoked means two parties hold it (likely theft): the whole family is revoked.
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

  TokenService(Pool pool, AccountRepository accounts, TokenRepository tokens, TokenIssuer issuer, long refreshTtlSeconds) {
    this.pool = pool;
    this.accounts = accounts;
    this.tokens = tokens;
    this.issuer = issuer;
    this.refreshTtlSeconds = refreshTtlSeconds;
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
   * unknown, expired, of another realm (left untouched), revoked (then its family is revoked, and stays so: the revocation commits) or
   * its account is gone or deactivated. Of two concurrent refreshes with one token exactly one succeeds.
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
    return tokens.lock(tx, hash).compose(found -> {
      if (found.isEmpty() || found.get().expired() || found.get().realm() != realm) {
        return Future.succeededFuture(Optional.empty());
      }
      var stored = found.get();
      if (stored.revoked()) {
        LOG.warning("refresh token reused: revoking token family " + stored.familyId() + " of " + stored.realm()
          + " " + stored.subjectId());
        return revoked(tx, stored.familyId());
      }
      return accounts.findById(tx, stored.realm(), stored.subjectId()).compose(account -> {
        if (account.isEmpty() || !account.get().active()) {
          return revoked(tx, stored.familyId());
        }
        String next = TokenIssuer.newRefreshToken();
        UUID nextId = Ids.newId();
        return tokens.insert(tx, nextId, stored.familyId(), account.get(), TokenIssuer.hash(next), expiry())
          .compose(v -> tokens.markReplaced(tx, stored.id(), nextId))
          .map(v -> Optional.of(issuer.tokens(account.get(), next)));
      });
    });
  }

  private Future<Optional<Tokens>> revoked(SqlConnection tx, UUID familyId) {
    return tokens.revokeFamily(tx, familyId).map(v -> Optional.empty());
  }

  private OffsetDateTime expiry() {
    return OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(refreshTtlSeconds);
  }

  private static <T> Future<T> invalid() {
    return Future.failedFuture(ErrorCode.TOKEN_INVALID.failure("the refresh token is invalid, expired or revoked"));
  }
}
