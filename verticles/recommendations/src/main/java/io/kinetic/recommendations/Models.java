package io.kinetic.recommendations;

import io.kinetic.recommendations.model.CoOccurrence;
import io.kinetic.recommendations.model.ContentSimilarity;
import io.kinetic.recommendations.model.DecayingCounts;
import io.kinetic.recommendations.model.SessionHistories;
import io.kinetic.recommendations.model.Signal;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The recommender's models, in memory on its event loop, each updated per signal (no batch job):
 * the sessions' histories (personal), item-item co-occurrence, content similarity (through the
 * catalog projection), and popularity and trending by units sold and added to carts.
 */
final class Models {

  /** An add to cart counts this much of a sale in popularity and trending. */
  static final double ADD_TO_CART_SHARE = 0.5;

  final SessionHistories sessions;
  final CoOccurrence coOccurrence;
  final ContentSimilarity content;
  final DecayingCounts popularity;
  final DecayingCounts trending;

  Models(RecommendationSettings settings) {
    // at most 20 products of 20,000 sessions (tens of MB): older sessions are less personal, no more
    this.sessions = new SessionHistories(20, 20_000);
    this.coOccurrence = new CoOccurrence(settings.neighbours(), sessions);
    this.content = new ContentSimilarity(settings.neighbours());
    this.popularity = new DecayingCounts(settings.popularityHalfLifeDays() * 86_400_000L);
    this.trending = new DecayingCounts(settings.trendingHalfLifeMinutes() * 60_000L);
  }

  /** Learns one signal; answers the products whose co-occurrence neighbours changed. */
  Set<UUID> learn(Signal signal) {
    count(signal);
    return coOccurrence.learn(signal);
  }

  /** Learns an order's products, bought together. */
  Set<UUID> learnOrder(List<UUID> products, List<Integer> quantities, long atMillis) {
    for (int i = 0; i < products.size(); i++) {
      count(new Signal(null, products.get(i), Signal.PURCHASE, quantities.get(i), atMillis));
    }
    return coOccurrence.learnOrder(products);
  }

  private void count(Signal signal) {
    if (signal.sales() > 0) {
      double amount = signal.weight() >= Signal.PURCHASE ? signal.sales() : signal.sales() * ADD_TO_CART_SHARE;
      popularity.add(signal.product(), amount, signal.atMillis());
      trending.add(signal.product(), amount, signal.atMillis());
    }
  }
}
