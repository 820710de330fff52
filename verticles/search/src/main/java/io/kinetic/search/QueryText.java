package io.kinetic.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the engine reads from a shopper's query text: its words, folded like the index (lower
 * case, no accents, ß as ss), and whether it uses the web search syntax (quotes for a phrase,
 * {@code -word}, {@code or}), which is then passed to {@code websearch_to_tsquery} as typed (it
 * never fails on any input) and not loosened by typo matching.
 */
final class QueryText {

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final Pattern OPERATORS = Pattern.compile("\"|(^|\\s)-\\S|(^|\\s)or(\\s|$)", Pattern.CASE_INSENSITIVE);
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  private QueryText() {
  }

  /** Trimmed, inner whitespace collapsed and control characters dropped; the form that is searched and logged. */
  static String normalise(String query) {
    if (query == null) {
      return "";
    }
    return query.replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
  }

  static boolean usesOperators(String query) {
    return OPERATORS.matcher(query).find();
  }

  /** The folded words of {@code text}, in order. */
  static List<String> words(String text) {
    var out = new ArrayList<String>();
    Matcher m = WORD.matcher(fold(text));
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /** Lower case without accents (é is e, ß is ss, æ is ae), as {@code unaccent} folds the index. */
  static String fold(String text) {
    String lower = text.toLowerCase(Locale.ROOT).replace("ß", "ss").replace("æ", "ae").replace("ø", "o").replace("œ", "oe");
    return MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
  }
}
