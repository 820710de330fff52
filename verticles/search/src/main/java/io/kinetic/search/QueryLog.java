package io.kinetic.search;

import io.kinetic.kernel.contract.search.ClickRecorded;
import io.kinetic.kernel.contract.search.GetSearchAnalytics;
import io.kinetic.kernel.contract.search.QueryStat;
import io.kinetic.kernel.contract.search.RecordClick;
import io.kinetic.kernel.contract.search.SearchAnalytics;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.error.FieldError;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Query analytics without personal data: each search (first page of a non-empty query) is kept as
 * its normalised text (lower case, at most 100 characters, e-mail addresses and long numbers
 * replaced), locale, number of results and clicks
 * on its results, under a random id the shopper's client sends back with a click. Searches are
 * buffered and written once a second in one statement, off the search's path; a click writes the
 * buffer first.
 */
final class QueryLog {

  private static final Logger LOG = Logger.getLogger(QueryLog.class.getName());
  static final int MAX_LOGGED_LENGTH = 100;
  private static final int MAX_BUFFERED = 10_000;
  private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^\\s@]+@[^\\s@]+");
  private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("\\+?\\d[\\d ./-]{4,}\\d");

  private record Entry(UUID id, OffsetDateTime at, String query, String locale, int results) {
  }

  private final Pool pool;
  private List<Entry> buffer = new ArrayList<>();

  QueryLog(Pool pool) {
    this.pool = pool;
  }

  /** Called on the verticle's context. */
  void record(UUID id, String query, String locale, long results) {
    if (buffer.size() >= MAX_BUFFERED) {
      return;
    }
    String normal = anonymous(query.toLowerCase(Locale.ROOT));
    if (normal.length() > MAX_LOGGED_LENGTH) {
      normal = normal.substring(0, MAX_LOGGED_LENGTH);
    }
    buffer.add(new Entry(id, OffsetDateTime.now(ZoneOffset.UTC), normal, locale, (int) Math.min(Integer.MAX_VALUE, results)));
  }

  /**
   * A query as it is kept: what looks like an e-mail address or a long number (a phone, a card, an
   * order number) a shopper typed into the box is replaced, so the log never holds it.
   */
  static String anonymous(String query) {
    return EMAIL.matcher(NUMBER.matcher(query).replaceAll("<number>")).replaceAll("<email>");
  }

  /** Writes the buffered searches. */
  Future<Void> flush() {
    if (buffer.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Entry> entries = buffer;
    buffer = new ArrayList<>();
    var params = Tuple.tuple()
      .addValue(entries.stream().map(Entry::id).toArray(UUID[]::new))
      .addValue(entries.stream().map(Entry::at).toArray(OffsetDateTime[]::new))
      .addValue(entries.stream().map(Entry::query).toArray(String[]::new))
      .addValue(entries.stream().map(Entry::locale).toArray(String[]::new))
      .addValue(entries.stream().map(Entry::results).toArray(Integer[]::new));
    return pool.preparedQuery(SearchSql.LOG_QUERIES).execute(params).<Void>mapEmpty()
      .onFailure(t -> LOG.warning("search analytics: " + entries.size() + " searches not recorded: " + t.getMessage()));
  }

  Future<ClickRecorded> click(RecordClick q) {
    if (q.searchId() == null || q.productId() == null || q.position() < 1) {
      return Future.failedFuture(Failure.invalid(List.of(new FieldError("searchId", "the search's id, a product and a position from 1"))));
    }
    return flush().recover(t -> Future.succeededFuture())
      .compose(v -> pool.preparedQuery(SearchSql.RECORD_CLICK).execute(Tuple.of(q.searchId(), q.position())))
      .map(rows -> new ClickRecorded(rows.rowCount() == 1));
  }

  Future<SearchAnalytics> analytics(GetSearchAnalytics q) {
    if (q.days() < 1 || q.days() > 365 || q.limit() < 1 || q.limit() > 100) {
      return Future.failedFuture(Failure.invalid(List.of(new FieldError("days", "days 1 to 365, limit 1 to 100"))));
    }
    return flush().recover(t -> Future.succeededFuture()).compose(v -> {
      Future<RowSet<Row>> totals = pool.preparedQuery(SearchSql.ANALYTICS_TOTALS).execute(Tuple.of(q.days()));
      Future<RowSet<Row>> top = pool.preparedQuery(SearchSql.TOP_QUERIES).execute(Tuple.of(q.days(), q.limit()));
      Future<RowSet<Row>> zero = pool.preparedQuery(SearchSql.ZERO_RESULT_QUERIES).execute(Tuple.of(q.days(), q.limit()));
      return Future.all(totals, top, zero).map(all -> {
        Row t = totals.result().iterator().next();
        long searches = t.getLong("searches");
        long clicked = t.getLong("clicked");
        return new SearchAnalytics(q.days(), searches, t.getLong("zero"), t.getLong("clicks"), ratio(clicked, searches),
          stats(top.result()), stats(zero.result()));
      });
    });
  }

  Future<Void> purge() {
    return pool.query(SearchSql.PURGE_QUERY_LOG).execute().mapEmpty();
  }

  private static List<QueryStat> stats(RowSet<Row> rows) {
    var out = new ArrayList<QueryStat>();
    for (Row row : rows) {
      long searches = row.getLong("searches");
      long clicked = row.getLong("clicked");
      out.add(new QueryStat(row.getString("query"), searches, clicked, ratio(clicked, searches)));
    }
    return out;
  }

  private static double ratio(long part, long whole) {
    return whole == 0 ? 0 : Math.round(part * 1000.0 / whole) / 1000.0;
  }
}
