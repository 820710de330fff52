package io.kinetic.recommendations.model;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What content similarity compares of a product: its categories, its attribute values
 * ({@code code=value}), the words of its name (weight 2) and description (weight 1), and its price
 * (log of its lowest price in the shop's currency; NaN without one).
 */
public record ProductFeatures(UUID id, Set<String> categories, Set<String> attributes, Map<String, Double> words,
                              double logPrice) {

  private static final Set<String> STOP = Set.of("the", "and", "for", "with", "this", "that", "are", "from", "you", "your",
    "der", "die", "das", "und", "mit", "für", "ein", "eine");

  /** The length of the word vector (for the cosine). */
  public double norm() {
    double sum = 0;
    for (double x : words.values()) {
      sum += x * x;
    }
    return Math.sqrt(sum);
  }

  public static Map<String, Double> words(String name, String description) {
    var words = new HashMap<String, Double>();
    add(words, name, 2);
    add(words, description, 1);
    return words;
  }

  private static void add(Map<String, Double> words, String text, double weight) {
    if (text == null) {
      return;
    }
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (w.length() >= 3 && !STOP.contains(w)) {
        words.merge(w, weight, Double::sum);
      }
    }
  }
}
