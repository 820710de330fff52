package io.kinetic.kernel.outbox;

/** The SQL of the event log, against the outbox tables of the pool's schema (kernel migrations 0.x). */
final class EventLogSql {

  private EventLogSql() {
  }

  /** A cheap check before taking the head lock: most polls find nothing to log. */
  static final String ANY_UNLOGGED = "SELECT EXISTS (SELECT 1 FROM outbox WHERE position IS NULL)";

  /**
   * Serializes position assignment across relays and nodes until the transaction ends; the relay's
   * commit does not wait for its WAL flush ({@link Relaxed#COMMIT}): positions lost in a crash are
   * given again to the rows that survived it, and whatever read them and committed durably made
   * them durable too (one WAL).
   */
  static final String LOCK_HEAD = "SELECT position, " + Relaxed.COMMIT + " FROM outbox_head FOR UPDATE";

  /**
   * Gives the next committed rows positions after the head ($2), in insertion order. Runs after
   * {@link #LOCK_HEAD}, so its snapshot sees every row the previous holder logged; the rows are
   * locked before they are numbered, so none can vanish in between and leave a hole. The head moves
   * to the last position given, in the same statement.
   */
  static final String LOG = """
    WITH picked AS (
      SELECT seq FROM outbox WHERE position IS NULL ORDER BY seq LIMIT $1 FOR UPDATE),
    next AS (
      SELECT seq, $2::bigint + row_number() OVER (ORDER BY seq) AS pos FROM picked),
    logged AS (
      UPDATE outbox o SET position = next.pos, delivered_at = clock_timestamp()
      FROM next WHERE o.seq = next.seq
      RETURNING o.position, o.event_id, o.event_type, o.payload::text AS payload, o.correlation),
    head AS (
      UPDATE outbox_head SET position = (SELECT max(position) FROM logged) WHERE EXISTS (SELECT 1 FROM logged))
    SELECT * FROM logged
    """;

  static final String HEAD = """
    SELECT h.position AS head, (SELECT delivered_at FROM outbox WHERE position = h.position) AS head_at,
           coalesce((SELECT min(position) FROM outbox WHERE position IS NOT NULL), h.position + 1) AS oldest
    FROM outbox_head h
    """;

  /**
   * A reader's read in one statement: {@link #REPORT_READER} (the reader at $3, after $1, with $4
   * parked events and the newest error $5, not truncated), the head ({@link #HEAD}'s columns) and
   * the events after $1, at most $2. One row per event, each with the head, in no particular order
   * (the reader sorts them: a sort here would be PostgreSQL's, over the payloads); one row with null
   * event columns when there is none. One snapshot: the events never run past the head.
   *
   * <p>The events' bound and limit are subqueries' (init plans' values): with the parameters
   * themselves, PostgreSQL planned every call anew, because a plan made for the values (a position
   * at the head, a small limit) always looked cheaper than the generic one; this way both plans
   * guess alike and the generic one is kept. The scan still walks the position index from the
   * bound and stops at the limit. The head is materialized: once, not once per event.
   *
   * <p>The report commits without waiting for its flush ({@link Relaxed#COMMIT}): lost in a crash,
   * the reader's position is an older one, which only keeps more of the log from being purged (a
   * lost first report leaves the reader unknown until its next read; the log keeps every event for
   * its retention period of days anyway, {@link #PURGE}).
   */
  static final String READ_WITH_HEAD = """
    WITH reported AS (
      INSERT INTO event_reader AS r (consumer, position, parked, last_error, truncated, read_at)
      VALUES ($3, $1, $4, $5, false, now())
      ON CONFLICT (consumer) DO UPDATE SET position = excluded.position, parked = excluded.parked,
                                           last_error = excluded.last_error, truncated = excluded.truncated, read_at = now()
      WHERE r.position <> excluded.position OR r.parked <> excluded.parked OR r.truncated <> excluded.truncated
         OR r.last_error IS DISTINCT FROM excluded.last_error OR r.read_at < now() - interval '10 seconds'),
    h AS MATERIALIZED (
      SELECT h.position AS head, (SELECT delivered_at FROM outbox WHERE position = h.position) AS head_at,
             coalesce((SELECT min(position) FROM outbox WHERE position IS NOT NULL), h.position + 1) AS oldest, %s
      FROM outbox_head h),
    e AS (
      SELECT position, event_id, event_type, aggregate_id, aggregate_version, delivered_at, correlation, actor,
             payload::text AS payload
      FROM outbox WHERE position > (SELECT $1::bigint) ORDER BY position LIMIT (SELECT $2::int))
    SELECT h.head, h.head_at, h.oldest, e.* FROM h LEFT JOIN e ON true
    """.formatted(Relaxed.COMMIT);

  /**
   * Registers a reader or moves it ($5: it asked for purged events); skips the write when nothing
   * changed and it was seen recently.
   */
  static final String REPORT_READER = """
    INSERT INTO event_reader AS r (consumer, position, parked, last_error, truncated, read_at)
    VALUES ($1, $2, $3, $4, $5, now())
    ON CONFLICT (consumer) DO UPDATE SET position = excluded.position, parked = excluded.parked,
                                         last_error = excluded.last_error, truncated = excluded.truncated, read_at = now()
    WHERE r.position <> excluded.position OR r.parked <> excluded.parked OR r.truncated <> excluded.truncated
       OR r.last_error IS DISTINCT FROM excluded.last_error OR r.read_at < now() - interval '10 seconds'
    """;

  static final String UNLOGGED = "SELECT count(*) FROM outbox WHERE position IS NULL";

  static final String READERS = """
    SELECT r.consumer, r.position, r.parked, r.last_error, r.truncated, r.read_at,
           (SELECT delivered_at FROM outbox WHERE position = r.position + 1) AS behind_since
    FROM event_reader r ORDER BY r.consumer
    """;

  static final String FORGET_READER = "DELETE FROM event_reader WHERE consumer = $1";

  /**
   * Deletes a prefix of the log: the positions below the first one that entered the log within the
   * retention ($1 days), and that every registered reader (but the truncated ones) has passed,
   * unless $2 says to ignore readers; in batches of $3. Only ever a prefix, so the log keeps no holes.
   */
  static final String PURGE = """
    DELETE FROM outbox WHERE seq IN (
      SELECT seq FROM outbox
      WHERE position IS NOT NULL
        AND position < coalesce((SELECT min(position) FROM outbox
                                 WHERE position IS NOT NULL AND delivered_at >= now() - make_interval(days => $1)),
                                9223372036854775807)
        AND ($2 OR position <= coalesce((SELECT min(position) FROM event_reader WHERE NOT truncated), 9223372036854775807))
      ORDER BY position LIMIT $3 FOR UPDATE SKIP LOCKED)
    """;

  static final String PURGE_PROCESSED = """
    DELETE FROM processed_event WHERE (consumer, event_id) IN (
      SELECT consumer, event_id FROM processed_event WHERE processed_at < now() - make_interval(days => $1) LIMIT $2)
    """;
}
