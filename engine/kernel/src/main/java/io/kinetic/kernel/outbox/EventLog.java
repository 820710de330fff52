package io.kinetic.kernel.outbox;

import io.kinetic.kernel.contract.log.ForgetReader;
import io.kinetic.kernel.contract.log.LogBatch;
import io.kinetic.kernel.contract.log.LogStatus;
import io.kinetic.kernel.contract.log.LoggedEvent;
import io.kinetic.kernel.contract.log.ReadLog;
import io.kinetic.kernel.contract.log.ReaderStatus;
import io.kinetic.kernel.contract.Deleted;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;

/**
 * The read side of one schema's event log: events after a position, the log's status with every
 * reader's lag, and retention. Readers register by reading; the log is not purged past the lowest
 * position a registered reader reported unless the operator says so ({@code ignoreReaders}) or
 * forgets the reader.
 */
public final class EventLog {

  /** The most events one read returns. */
  public static final int MAX_READ = 1000;
  private static final int PURGE_BATCH = 10_000;
  private static final int TEXT_LIMIT = 2000;

  private final Pool pool;
  private final String source;

  public EventLog(Pool pool, String source) {
    this.pool = pool;
    this.source = source;
  }

  public String source() {
    return source;
  }

  /**
   * Events after {@code after}, oldest first; LOG_TRUNCATED when events after it were purged (the
   * reader is then registered as truncated: retention stops waiting for it and its status says so).
   * Positions are gapless, so a batch that does not start right after {@code after}, or has a hole,
   * means a purge ran between the reads: that too is LOG_TRUNCATED.
   */
  public Future<LogBatch> read(ReadLog request) {
    if (request.consumer() == null || request.consumer().isBlank() || request.consumer().length() > 200) {
      return Future.failedFuture(Failure.invalid("consumer", "is invalid"));
    }
    if (request.after() < 0 || request.limit() < 1) {
      return Future.failedFuture(Failure.invalid("after", "must be 0 or more, and limit 1 or more"));
    }
    int limit = Math.min(request.limit(), MAX_READ);
    String lastError = request.lastError() == null ? null : clip(request.lastError());
    // the reader's report, the head and the events in one statement (one snapshot: the events never
    // run past the head); a read found truncated reports the reader again, truncated
    return pool.withConnection(c -> c.preparedQuery(EventLogSql.READ_WITH_HEAD)
      .execute(Tuple.of(request.after(), limit, request.consumer(), Math.max(0, request.parked()), lastError))
      .compose(rows -> {
        Row head = rows.iterator().next();
        long headPosition = head.getLong("head");
        if (request.after() + 1 < head.getLong("oldest") && request.after() < headPosition) {
          return truncated(c, request, head.getLong("oldest"));
        }
        var events = new ArrayList<LoggedEvent>(rows.size());
        for (Row row : rows) {
          if (row.getLong("position") != null) { // else no event: the head's row alone
            events.add(event(row));
          }
        }
        events.sort(java.util.Comparator.comparingLong(LoggedEvent::position));
        long expected = request.after() + 1;
        for (LoggedEvent event : events) {
          if (event.position() != expected++) {
            return truncated(c, request, event.position());
          }
        }
        long newest = Math.max(headPosition, request.after() + events.size());
        return Future.succeededFuture(new LogBatch(source, events, newest, instant(head.getOffsetDateTime("head_at"))));
      }));
  }

  private <T> Future<T> truncated(io.vertx.sqlclient.SqlClient client, ReadLog request, long oldest) {
    var failure = ErrorCode.LOG_TRUNCATED.failure("the " + source + " log keeps positions from " + oldest
      + " on; position " + (request.after() + 1) + " was purged: rebuild from the " + source + " export");
    return report(client, request, true, clip(failure.errorCode().string() + ": " + failure.detail()))
      .compose(v -> Future.failedFuture(failure));
  }

  private static Future<Void> report(io.vertx.sqlclient.SqlClient client, ReadLog request, boolean truncated, String lastError) {
    return client.preparedQuery(EventLogSql.REPORT_READER)
      .execute(Tuple.of(request.consumer(), request.after(), Math.max(0, request.parked()), lastError, truncated))
      .mapEmpty();
  }

  public Future<LogStatus> status() {
    Future<Row> head = pool.query(EventLogSql.HEAD).execute().map(rows -> rows.iterator().next());
    Future<Long> unlogged = pool.query(EventLogSql.UNLOGGED).execute().map(rows -> rows.iterator().next().getLong(0));
    Future<io.vertx.sqlclient.RowSet<Row>> readers = pool.query(EventLogSql.READERS).execute();
    return Future.all(head, unlogged, readers).map(all -> {
      Row h = head.result();
      long headPosition = h.getLong("head");
      Instant now = Instant.now();
      var list = new ArrayList<ReaderStatus>();
      for (Row r : readers.result()) {
        long position = r.getLong("position");
        Instant since = instant(r.getOffsetDateTime("behind_since"));
        double seconds = since == null || position >= headPosition ? 0 : Duration.between(since, now).toMillis() / 1000.0;
        list.add(new ReaderStatus(r.getString("consumer"), position, Math.max(0, headPosition - position), Math.max(0, seconds),
          r.getInteger("parked"), r.getString("last_error"), r.getBoolean("truncated"), instant(r.getOffsetDateTime("read_at"))));
      }
      return new LogStatus(source, headPosition, instant(h.getOffsetDateTime("head_at")), h.getLong("oldest"),
        unlogged.result(), list);
    });
  }

  /** Removes a reader; NOT_FOUND when the log has none of that name. */
  public Future<Deleted> forget(ForgetReader request) {
    return pool.preparedQuery(EventLogSql.FORGET_READER).execute(Tuple.of(request.consumer()))
      .compose(rows -> rows.rowCount() == 1 ? Future.succeededFuture(new Deleted(request.consumer()))
        : Future.failedFuture(ErrorCode.NOT_FOUND.failure("the " + source + " log has no consumer " + request.consumer())));
  }

  /** Purges logged events older than {@code retentionDays} (and processed-event marks); completes with how many events. */
  public Future<Integer> purge(int retentionDays, boolean ignoreReaders) {
    return pool.preparedQuery(EventLogSql.PURGE_PROCESSED).execute(Tuple.of(retentionDays, PURGE_BATCH))
      .compose(v -> purgeEvents(retentionDays, ignoreReaders));
  }

  private Future<Integer> purgeEvents(int retentionDays, boolean ignoreReaders) {
    return pool.preparedQuery(EventLogSql.PURGE).execute(Tuple.of(retentionDays, ignoreReaders, PURGE_BATCH)).compose(rows -> {
      int purged = rows.rowCount();
      return purged < PURGE_BATCH ? Future.succeededFuture(purged)
        : purgeEvents(retentionDays, ignoreReaders).map(more -> purged + more);
    });
  }

  private static LoggedEvent event(Row row) {
    Long version = row.getLong("aggregate_version");
    return new LoggedEvent(row.getLong("position"), row.getUUID("event_id"), row.getString("event_type"),
      row.getString("aggregate_id"), version == null ? 0 : version, instant(row.getOffsetDateTime("delivered_at")),
      row.getString("correlation"), row.getString("actor"), row.getString("payload"));
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }

  private static String clip(String text) {
    return text.length() <= TEXT_LIMIT ? text : text.substring(0, TEXT_LIMIT);
  }
}
