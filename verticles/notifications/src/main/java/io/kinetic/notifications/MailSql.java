package io.kinetic.notifications;

/** Every statement of the notifications schema, with {@code $n} parameters. */
final class MailSql {

  static final String SAVE_CONTACT = """
    INSERT INTO order_contact (order_id, number, email, locale, customer_id, placed_at)
    VALUES ($1, $2, $3, $4, $5, $6)
    ON CONFLICT (order_id) DO NOTHING
    """;

  /** {@link #SAVE_CONTACT} for many orders at once (the arrays in that order). */
  static final String SAVE_CONTACTS = """
    INSERT INTO order_contact (order_id, number, email, locale, customer_id, placed_at)
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::timestamptz[])
    ON CONFLICT (order_id) DO NOTHING
    """;

  static final String CONTACT = "SELECT number, email, locale FROM order_contact WHERE order_id = $1";

  static final String CONTACTS = "SELECT order_id, number, email, locale FROM order_contact WHERE order_id = ANY($1)";

  /** A payment-failed mail of order $2 to address $1 within the last $3 minutes (through the recipient's index). */
  static final String FAILED_MAILED = """
    SELECT 1 FROM outgoing_mail WHERE lower(recipient) = lower($1) AND created_at > now() - make_interval(mins => $3)
      AND kind = 'payment-failed' AND order_id = $2 LIMIT 1
    """;

  /** A redelivered event finds its row: nothing changes (no second mail, no reset of its state). */
  static final String ADD = """
    INSERT INTO outgoing_mail (id, event_id, kind, recipient, locale, subject, model, order_id, order_number)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
    ON CONFLICT (event_id) DO NOTHING
    """;

  /** {@link #ADD} for many mails at once (the arrays in that order); answers a row per mail added. */
  static final String ADD_ALL = """
    INSERT INTO outgoing_mail (id, event_id, kind, recipient, locale, subject, model, order_id, order_number)
    SELECT id, event_id, kind, recipient, locale, subject, model::jsonb, order_id, order_number
    FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[], $9::text[])
      WITH ORDINALITY AS m(id, event_id, kind, recipient, locale, subject, model, order_id, order_number, n)
    ORDER BY n
    ON CONFLICT (event_id) DO NOTHING
    RETURNING id
    """;

  /**
   * Claims up to $1 due mails for $2 seconds: their next attempt moves past the claim, so a sender
   * that dies while delivering leaves them due again when the claim runs out; other senders skip them.
   */
  static final String CLAIM = """
    UPDATE outgoing_mail SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $2)
    WHERE id IN (
      SELECT id FROM outgoing_mail WHERE status = 'pending' AND next_attempt_at <= now()
      ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
    RETURNING id, event_id, kind, recipient, locale, subject, model, attempts
    """;

  /**
   * Marks the mails of ids $1 sent, each only while pending. The test is written {@code (status =
   * 'pending') IS TRUE}, which the partial index of due mails does not match: with a plain {@code
   * status = 'pending'} the planner scans that index for the ids, walking the entries of every mail
   * sent since the last vacuum (3 ms after a few thousand orders), instead of taking the primary key.
   */
  static final String MARK_ALL_SENT = """
    UPDATE outgoing_mail SET status = 'sent', sent_at = now(), last_error = NULL, next_attempt_at = now()
    WHERE id = ANY($1) AND (status = 'pending') IS TRUE
    """;

  /** After a failed attempt: due again in $3 seconds, or failed for good after $2 attempts (by the primary key, as {@link #MARK_ALL_SENT}). */
  static final String MARK_ATTEMPT_FAILED = """
    UPDATE outgoing_mail SET status = CASE WHEN attempts >= $2 THEN 'failed' ELSE 'pending' END,
      next_attempt_at = now() + make_interval(secs => $3), last_error = $4
    WHERE id = $1 AND (status = 'pending') IS TRUE
    """;

  private static final String COLUMNS = """
    id, event_id, kind, recipient, locale, subject, model, order_number, status, attempts, next_attempt_at,
    last_error, created_at, sent_at
    """;

  /** Newest first, keyset paged on (created_at, id); $1 status or null, $2 recipient or null. */
  static final String PAGE = "SELECT " + COLUMNS + """
    FROM outgoing_mail
    WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR lower(recipient) = $2)
      AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4::uuid))
    ORDER BY created_at DESC, id DESC
    LIMIT $5
    """;

  static final String ONE = "SELECT " + COLUMNS + " FROM outgoing_mail WHERE id = $1";

  private MailSql() {
  }
}
