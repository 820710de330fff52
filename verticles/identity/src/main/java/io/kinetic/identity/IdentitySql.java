package io.kinetic.identity;

/** Every statement of the identity module; tables are unqualified (the pool's search path is the schema). */
final class IdentitySql {

  static final String INSERT_CUSTOMER = """
    INSERT INTO customer (id, email, name, password_hash)
    VALUES ($1, $2, $3, $4)
    RETURNING id, email, name, password_hash, created_at
    """;

  static final String CUSTOMER_BY_EMAIL = """
    SELECT id, email, name, password_hash, created_at FROM customer WHERE email = $1
    """;

  static final String CUSTOMER_BY_ID = """
    SELECT id, email, name, password_hash, created_at FROM customer WHERE id = $1
    """;

  static final String INSERT_STAFF = """
    INSERT INTO staff (id, email, name, password_hash, roles)
    VALUES ($1, $2, $3, $4, $5)
    RETURNING id, email, name, password_hash, roles, created_at
    """;

  static final String STAFF_BY_EMAIL = """
    SELECT id, email, name, password_hash, roles, created_at FROM staff WHERE email = $1
    """;

  static final String STAFF_BY_ID = """
    SELECT id, email, name, password_hash, roles, created_at FROM staff WHERE id = $1
    """;

  static final String ANY_STAFF = """
    SELECT EXISTS (SELECT 1 FROM staff) AS present
    """;

  static final String INSERT_REFRESH_TOKEN = """
    INSERT INTO refresh_token (id, family_id, subject_id, realm, token_hash, expires_at)
    VALUES ($1, $2, $3, $4, $5, $6)
    """;

  /** Locks the row so that two refreshes with the same token are serialized: the second sees it revoked. */
  static final String LOCK_REFRESH_TOKEN = """
    SELECT id, family_id, subject_id, realm,
           revoked_at IS NOT NULL AS revoked,
           expires_at <= now() AS expired
    FROM refresh_token
    WHERE token_hash = $1
    FOR UPDATE
    """;

  static final String MARK_REPLACED = """
    UPDATE refresh_token SET revoked_at = now(), replaced_by = $2 WHERE id = $1
    """;

  static final String REVOKE_FAMILY = """
    UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL
    """;

  static final String REVOKE_FAMILY_OF_TOKEN = """
    UPDATE refresh_token SET revoked_at = now()
    WHERE family_id = (SELECT family_id FROM refresh_token WHERE token_hash = $1)
      AND revoked_at IS NULL
    """;

  /** Expired tokens are refused as unknown ones are, so dropping them changes no answer. */
  static final String PURGE_EXPIRED_TOKENS = """
    DELETE FROM refresh_token WHERE id IN (
      SELECT id FROM refresh_token WHERE expires_at < now() - interval '1 day' LIMIT $1)
    """;

  private IdentitySql() {
  }
}
