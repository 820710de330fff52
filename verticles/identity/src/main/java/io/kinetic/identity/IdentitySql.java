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

  /** What {@code AccountRepository.staff(Row)} reads. */
  static final String STAFF_COLUMNS = "id, email, name, password_hash, roles, created_at, active, session_version";

  static final String INSERT_STAFF = """
    INSERT INTO staff (id, email, name, password_hash, roles)
    VALUES ($1, $2, $3, $4, $5)
    RETURNING\s""" + STAFF_COLUMNS;

  static final String STAFF_BY_EMAIL = "SELECT " + STAFF_COLUMNS + " FROM staff WHERE email = $1";

  static final String STAFF_EMAIL = "SELECT email FROM staff WHERE id = $1";
  static final String STAFF_BY_ID = "SELECT " + STAFF_COLUMNS + " FROM staff WHERE id = $1";

  /** Staff changes take this transaction-scoped lock first: "the last admin" checks cannot interleave. */
  static final String LOCK_STAFF_CHANGES = "SELECT pg_advisory_xact_lock(7141100501)";

  /** $1 null: everyone; else only the active (true) or deactivated (false) members. */
  static final String LIST_STAFF = "SELECT " + STAFF_COLUMNS + """
     FROM staff WHERE $1::boolean IS NULL OR active = $1 ORDER BY email LIMIT $2
    """;

  static final String COUNT_ACTIVE_ADMINS = """
    SELECT count(*) AS admins FROM staff WHERE active AND 'admin' = ANY (roles)
    """;

  static final String SET_STAFF_ROLES = """
    UPDATE staff SET roles = $2, session_version = session_version + 1, updated_at = now()
    WHERE id = $1
    RETURNING\s""" + STAFF_COLUMNS;

  /** $3: whether to bump the session version (ending the member's access tokens). */
  static final String SET_STAFF_ACTIVE = """
    UPDATE staff SET active = $2, session_version = session_version + CASE WHEN $3 THEN 1 ELSE 0 END, updated_at = now()
    WHERE id = $1
    RETURNING\s""" + STAFF_COLUMNS;

  static final String STAFF_SESSIONS = """
    SELECT id, session_version FROM staff WHERE session_version > 0 LIMIT $1
    """;

  static final String REVOKE_SUBJECT_TOKENS = """
    UPDATE refresh_token SET revoked_at = now() WHERE subject_id = $1 AND realm = $2 AND revoked_at IS NULL
    """;

  static final String INSERT_AUDIT_ENTRY = """
    INSERT INTO audit_entry (context, action, actor_id, actor_email, target_type, target_id, correlation_id, details,
                             source_event_id, at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce($10::timestamptz, now()))
    ON CONFLICT (source_event_id) DO NOTHING
    """;

  /** Newest first; $1 = the seq to start below (Long.MAX_VALUE for the newest), $2 = page size + 1. */
  static final String AUDIT_PAGE = """
    SELECT seq, at, context, action, actor_id, actor_email, target_type, target_id, correlation_id, details
    FROM audit_entry WHERE seq < $1 ORDER BY seq DESC LIMIT $2
    """;

  static final String ANY_STAFF = """
    SELECT EXISTS (SELECT 1 FROM staff) AS present
    """;

  static final String INSERT_REFRESH_TOKEN = """
    INSERT INTO refresh_token (id, family_id, subject_id, realm, token_hash, expires_at)
    VALUES ($1, $2, $3, $4, $5, $6)
    """;

  /**
   * Locks the row so that two refreshes with the same token are serialized: the second sees it revoked
   * (rotated: replaced_by set, at revoked_at). in_grace: rotated less than $2 seconds ago ($2 = 0: never)
   * and presented again fewer than {@link #GRACE_PRESENTATIONS} times since (grace_uses).
   */
  /** One more of the rotated token's grace presentations is used: one beyond the limit within the window is reuse. */
  static final String USE_GRACE = "UPDATE refresh_token SET grace_uses = grace_uses + 1, grace_used = true WHERE id = $1";

  /**
   * How many times a rotated token may be presented again within the reuse grace: five tabs (or
   * retries) refreshing with one token at once all go on; a sixth presentation is reuse.
   */
  static final int GRACE_PRESENTATIONS = 4;

  static final String LOCK_REFRESH_TOKEN = """
    SELECT id, family_id, subject_id, realm, replaced_by,
           revoked_at IS NOT NULL AS revoked,
           expires_at <= now() AS expired,
           replaced_by IS NOT NULL AND grace_uses < %d AND $2::int > 0 AND revoked_at > now() - $2::int * interval '1 second' AS in_grace
    FROM refresh_token
    WHERE token_hash = $1
    FOR UPDATE
    """.formatted(GRACE_PRESENTATIONS);

  /**
   * Whether the token with this id is neither revoked nor expired. Its own statement, so that it sees
   * what a concurrent refresh committed while this one waited for the lock (READ COMMITTED).
   */
  static final String REFRESH_TOKEN_LIVE = """
    SELECT revoked_at IS NULL AND expires_at > now() AS live FROM refresh_token WHERE id = $1
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

  /** A newer request (or a reset) ends every other open reset token of the customer. */
  static final String USE_UP_RESETS = """
    UPDATE password_reset SET used_at = now() WHERE customer_id = $1 AND used_at IS NULL
    """;

  static final String INSERT_RESET = """
    INSERT INTO password_reset (id, customer_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)
    """;

  /** The open, unexpired token with this hash, locked until the transaction ends. */
  static final String LOCK_OPEN_RESET = """
    SELECT id, customer_id FROM password_reset
    WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
    FOR UPDATE
    """;

  static final String OPEN_RESET_EXISTS = """
    SELECT 1 FROM password_reset WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
    """;

  static final String SET_CUSTOMER_PASSWORD = """
    UPDATE customer SET password_hash = $2 WHERE id = $1 RETURNING email
    """;

  static final String PURGE_OLD_RESETS = """
    DELETE FROM password_reset WHERE id IN (
      SELECT id FROM password_reset WHERE expires_at < now() - interval '1 day' LIMIT $1)
    """;

  private IdentitySql() {
  }
}
