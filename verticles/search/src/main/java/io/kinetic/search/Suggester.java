package io.kinetic.search;

import io.kinetic.kernel.contract.search.Suggest;
import io.kinetic.kernel.contract.search.Suggestion;
import io.kinetic.kernel.contract.search.Suggestions;
import io.kinetic.kernel.error.Failure;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Autocomplete from the second letter: product names whose words start with the typed words (the
 * last one as a prefix, in the locale's analysis), then categories and brands starting with them;
 * when no name starts so, the same with the words corrected against the known words (typos). One
 * indexed statement per keystroke (two after a typo).
 */
final class Suggester {

  static final int MAX_PREFIX = 100;
  static final int DEFAULT_LIMIT = 8;

  private final Pool pool;
  private final Corrections corrections;
  private final ResultCache<Suggest, Suggestions> cache;

  Suggester(Pool pool, Corrections corrections, ResultCache<Suggest, Suggestions> cache) {
    this.pool = pool;
    this.corrections = corrections;
    this.cache = cache;
  }

  /** Answers kept a moment per request ({@link ResultCache}): the same letters typed again cost nothing. */
  Future<Suggestions> suggest(Suggest q) {
    Suggestions cached = cache.get(q);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    long generation = cache.generation();
    // names, categories and brands only: no price, units or availability change retires them
    return find(q).onSuccess(found -> cache.put(q, found, ResultCache.Dependencies.NO_PRODUCT, generation));
  }

  private Future<Suggestions> find(Suggest q) {
    String prefix = QueryText.normalise(q.prefix());
    if (prefix.length() > MAX_PREFIX) {
      return Future.failedFuture(Failure.invalid("q", "at most " + MAX_PREFIX + " characters"));
    }
    if (q.limit() < 0 || q.limit() > 20) {
      return Future.failedFuture(Failure.invalid("limit", "1 to 20"));
    }
    int limit = q.limit() == 0 ? DEFAULT_LIMIT : q.limit();
    List<String> words = QueryText.words(prefix);
    String folded = String.join(" ", words);
    if (folded.length() < 2) {
      return Future.succeededFuture(new Suggestions(prefix, List.of()));
    }
    String locale = SearchLocales.of(q.locale());
    String requested = q.locale() == null || q.locale().isBlank() ? locale : q.locale();
    return find(words, locale, requested, limit).compose(found -> {
      if (found.stream().anyMatch(s -> s.kind().equals("product")) || folded.length() < 4) {
        return Future.succeededFuture(new Suggestions(prefix, found));
      }
      // nothing starts so: the words as corrected against the known words (a typo while typing)
      return corrections.correct(words).compose(corrected -> corrected == null
        ? Future.succeededFuture(new Suggestions(prefix, found))
        : find(corrected, locale, requested, limit).map(more -> new Suggestions(prefix, more.isEmpty() ? found : more)));
    });
  }

  private Future<List<Suggestion>> find(List<String> words, String locale, String requested, int limit) {
    String folded = String.join(" ", words);
    String vector = "d." + SearchLocales.vector(locale);
    var tsq = new StringBuilder();
    for (int i = 0; i < words.size(); i++) {
      tsq.append(i == 0 ? "" : " & ").append(words.get(i)).append(i == words.size() - 1 ? ":*" : "");
    }
    String sql = "WITH q AS (SELECT to_tsquery('" + SearchLocales.config(locale) + "', $1) AS tsq)\n"
      + "(SELECT 'product' AS kind, coalesce(d.names ->> $2, d.names ->> d.default_locale) AS text, d.slug, d.product_id::text AS value"
      + " FROM document d CROSS JOIN q WHERE d.published AND " + vector + " @@ q.tsq"
      + " ORDER BY ts_rank(" + vector + ", q.tsq) DESC, length(coalesce(d.names ->> $2, d.names ->> d.default_locale)), d.product_id LIMIT $3)\n"
      + "UNION ALL (SELECT 'category', coalesce(c.names ->> $2, c.names ->> 'en'), c.slug, c.id::text FROM category c"
      + " WHERE c.folded ~ $4 ORDER BY c.position, c.slug LIMIT 3)\n"
      + "UNION ALL (SELECT 'brand', b.name, NULL, b.name FROM brand b WHERE b.key LIKE $5 ORDER BY b.products DESC, b.name LIMIT 3)";
    Tuple params = Tuple.of(tsq.toString(), requested, limit * 2, "(^|[^[:alnum:]])" + folded, folded + "%");
    return pool.preparedQuery(sql).execute(params).map(rows -> read(rows, limit));
  }

  /** Products first (one per name), then categories and brands; at most {@code limit}. */
  private static List<Suggestion> read(RowSet<Row> rows, int limit) {
    var products = new ArrayList<Suggestion>();
    var others = new ArrayList<Suggestion>();
    Set<String> names = new LinkedHashSet<>();
    for (Row row : rows) {
      String kind = row.getString("kind");
      String text = row.getString("text");
      if (text == null) {
        continue;
      }
      var s = new Suggestion(kind, text, row.getString("slug"), row.getString("value"));
      if (kind.equals("product")) {
        if (names.add(text.toLowerCase(java.util.Locale.ROOT))) {
          products.add(s);
        }
      } else {
        others.add(s);
      }
    }
    int keepOthers = Math.min(others.size(), Math.max(2, limit / 3));
    int keepProducts = Math.min(products.size(), limit - keepOthers);
    var out = new ArrayList<>(products.subList(0, keepProducts));
    out.addAll(others.subList(0, Math.min(others.size(), limit - keepProducts)));
    return out;
  }
}
