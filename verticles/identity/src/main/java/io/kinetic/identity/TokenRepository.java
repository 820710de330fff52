package io.kinetic.identity;

import io.kinetic.kernel.contract.identity.Realm;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** Refresh tokens, by the SHA-256 of the opaque value; every method runs on the client given (pool or transaction). */
final class TokenRepository {

  /**
   * A refresh-token row as seen by a refresh. {@code replacedBy}: its successor when it was rotated (else
   * null); {@code inGrace}: rotated less than the reuse grace ago.
   */
  record StoredToken(UUID id, UUID familyId, UUID subjectId, Realm realm, UUID replacedBy, boolean revoked, boolean expired,
                     boolean inGrace) {
  }

  Future<Void> insert(SqlClient client, UUID id, UUID familyId, Account subject, Buffer tokenHash, OffsetDateTime expiresAt) {
    return client.preparedQuery(IdentitySql.INSERT_REFRESH_TOKEN)
      .execute(Tuple.of(id, familyId, subject.id(), subject.realm().name(), tokenHash, expiresAt))
      .mapEmpty();
  }

  /**
   * The row for {@code tokenHash}, locked until the transaction of {@code tx} ends; in grace when it was
   * rotated less than {@code graceSeconds} ago.
   */
  Future<Optional<StoredToken>> lock(SqlClient tx, Buffer tokenHash, int graceSeconds) {
    return tx.preparedQuery(IdentitySql.LOCK_REFRESH_TOKEN).execute(Tuple.of(tokenHash, graceSeconds)).map(rows -> {
      var it = rows.iterator();
      if (!it.hasNext()) {
        return Optional.empty();
      }
      var row = it.next();
      return Optional.of(new StoredToken(row.getUUID("id"), row.getUUID("family_id"), row.getUUID("subject_id"),
        Realm.valueOf(row.getString("realm")), row.getUUID("replaced_by"), row.getBoolean("revoked"), row.getBoolean("expired"),
        row.getBoolean("in_grace")));
    });
  }

  /** Whether the token {@code id} is neither revoked nor expired (false when it is gone). */
  Future<Boolean> live(SqlClient tx, UUID id) {
    return tx.preparedQuery(IdentitySql.REFRESH_TOKEN_LIVE).execute(Tuple.of(id)).map(rows -> {
      var it = rows.iterator();
      return it.hasNext() && it.next().getBoolean("live");
    });
  }

  /** Counts one of a rotated token's few presentations within the reuse grace ({@link IdentitySql#GRACE_PRESENTATIONS}). */
  Future<Void> useGrace(SqlClient tx, UUID id) {
    return tx.preparedQuery(IdentitySql.USE_GRACE).execute(Tuple.of(id)).mapEmpty();
  }

  Future<Void> markReplaced(SqlClient tx, UUID id, UUID replacedBy) {
    return tx.preparedQuery(IdentitySql.MARK_REPLACED).execute(Tuple.of(id, replacedBy)).mapEmpty();
  }

  /** Revokes the family's live tokens; completes with how many there were. */
  Future<Integer> revokeFamily(SqlClient client, UUID familyId) {
    return client.preparedQuery(IdentitySql.REVOKE_FAMILY).execute(Tuple.of(familyId)).map(r -> r.rowCount());
  }

  /** Revokes every live token of the family {@code tokenHash} belongs to; nothing when the token is unknown. */
  Future<Void> revokeFamilyOf(SqlClient client, Buffer tokenHash) {
    return client.preparedQuery(IdentitySql.REVOKE_FAMILY_OF_TOKEN).execute(Tuple.of(tokenHash)).mapEmpty();
  }

  /** Revokes every live refresh token of one account (a deactivated staff member). */
  Future<Void> revokeSubject(SqlClient client, UUID subjectId, Realm realm) {
    return client.preparedQuery(IdentitySql.REVOKE_SUBJECT_TOKENS).execute(Tuple.of(subjectId, realm.name())).mapEmpty();
  }

  /** Deletes up to {@code batch} refresh tokens expired for more than a day; completes with how many. */
  Future<Integer> purgeExpired(SqlClient client, int batch) {
    return client.preparedQuery(IdentitySql.PURGE_EXPIRED_TOKENS).execute(Tuple.of(batch)).map(r -> r.rowCount());
  }
}
