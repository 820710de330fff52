package io.kinetic.kernel.outbox;

/** The SQL of a {@link LogConsumer}, against the kernel tables of the consumer's own schema. */
final class ConsumerSql {

  private ConsumerSql() {
  }

  static final String ENSURE = """
    INSERT INTO event_checkpoint (consumer, source, position) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING
    """;

  /** Holds the consumer's checkpoint until the transaction ends: one pass per consumer at a time, cluster-wide. */
  static final String LOCK = "SELECT position FROM event_checkpoint WHERE consumer = $1 AND source = $2 FOR UPDATE";

  /** The checkpoint with the parked events' count and newest error, without a lock: where a pass reads from, when the last pass did not say. */
  static final String SUMMARY = summary("");

  /** {@link #SUMMARY} holding the checkpoint until the transaction ends (a pass's first statement). */
  static final String LOCK_WITH_PARKED = summary("") + " FOR UPDATE OF c";

  /**
   * {@link #LOCK_WITH_PARKED}, and the pass's commit not waiting for its WAL flush ({@link Relaxed}):
   * for a consumer whose passes write nothing but their effects in this schema and the checkpoint
   * (atomically), so that a pass lost in a crash is simply applied again from the log
   * ({@link LogConsumer#relaxCommits}).
   */
  static final String LOCK_WITH_PARKED_RELAXED = summary(", " + Relaxed.COMMIT) + " FOR UPDATE OF c";

  private static String summary(String more) {
    return """
      SELECT c.position%s,
             (SELECT count(*) FROM event_parked p WHERE p.consumer = $1 AND p.source = $2) AS parked,
             (SELECT p.last_error FROM event_parked p WHERE p.consumer = $1 AND p.source = $2
              ORDER BY p.parked_at DESC, p.position DESC LIMIT 1) AS last_error
      FROM event_checkpoint c WHERE c.consumer = $1 AND c.source = $2""".formatted(more);
  }

  static final String MOVE = """
    UPDATE event_checkpoint SET position = $3, updated_at = now() WHERE consumer = $1 AND source = $2
    """;

  static final String SET = """
    INSERT INTO event_checkpoint (consumer, source, position) VALUES ($1, $2, $3)
    ON CONFLICT (consumer, source) DO UPDATE SET position = excluded.position, updated_at = now()
    """;

  static final String DROP_PARKED = "DELETE FROM event_parked WHERE consumer = $1 AND source = $2";

  /** The first retry of a parked event waits 2^attempts seconds, at most an hour. */
  static final String PARK = """
    INSERT INTO event_parked (consumer, source, position, event_type, event, attempts, last_error, next_attempt_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(secs => least(power(2, least($6, 12)), 3600)))
    ON CONFLICT DO NOTHING
    """;

  static final String NEXT_PARKED = """
    SELECT position, event::text AS event FROM event_parked
    WHERE consumer = $1 AND source = $2 AND next_attempt_at <= now()
    ORDER BY position LIMIT 1 FOR UPDATE SKIP LOCKED
    """;

  static final String UNPARK = "DELETE FROM event_parked WHERE consumer = $1 AND source = $2 AND position = $3";

  static final String RESCHEDULE = """
    UPDATE event_parked SET attempts = attempts + 1, last_error = $4,
                            next_attempt_at = now() + make_interval(secs => least(power(2, least(attempts + 1, 12)), 3600))
    WHERE consumer = $1 AND source = $2 AND position = $3
    """;

  static final String ADVANCE_VERSION = """
    INSERT INTO event_aggregate_version AS v (consumer, source, aggregate_id, version) VALUES ($1, $2, $3, $4)
    ON CONFLICT (consumer, source, aggregate_id) DO UPDATE SET version = excluded.version WHERE v.version < excluded.version
    """;
}
