package io.kinetic.search;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Spelling corrections against the lexicon (the words of searchable names, brands and categories):
 * each unknown word becomes the closest known one within a small edit distance
 * ({@link SearchSql#CORRECTIONS}), for "did you mean" and for typos while typing.
 */
final class Corrections {

  private final Pool pool;

  Corrections(Pool pool) {
    this.pool = pool;
  }

  /** The folded words with each unknown one corrected, or null when nothing changes. */
  Future<List<String>> correct(List<String> words) {
    if (words.isEmpty()) {
      return Future.succeededFuture(null);
    }
    return pool.preparedQuery(SearchSql.CORRECTIONS).execute(Tuple.tuple().addValue(words.toArray(String[]::new)))
      .map(rows -> {
        var out = new ArrayList<String>();
        boolean changed = false;
        for (Row row : rows) {
          String word = row.getString("word");
          String correction = row.getString("correction");
          changed |= correction != null && !correction.equals(word);
          out.add(correction == null ? word : correction);
        }
        return changed ? out : null;
      });
  }
}
