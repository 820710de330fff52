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
          String correction = closest(word, row.getArrayOfStrings("candidates"), row.getArrayOfIntegers("frequencies"));
          changed |= correction != null && !correction.equals(word);
          out.add(correction == null ? word : correction);
        }
        return changed ? out : null;
      });
  }

  /**
   * The word itself when known, else the candidate with the fewest edits (a transposition is one:
   * "jacekt" is one from "jacket", two from "jacke"), at most 1 for words up to 4 letters and 2 for
   * longer ones, the more frequent first; null when none is close enough.
   */
  static String closest(String word, String[] candidates, Integer[] frequencies) {
    int limit = word.length() <= 4 ? 1 : 2;
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    int bestFrequency = -1;
    for (int i = 0; i < candidates.length; i++) {
      int distance = editDistance(word, candidates[i]);
      int frequency = frequencies[i] == null ? 0 : frequencies[i];
      if (distance <= limit && (distance < bestDistance || distance == bestDistance && frequency > bestFrequency)) {
        best = candidates[i];
        bestDistance = distance;
        bestFrequency = frequency;
      }
    }
    return best;
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
  static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
