package io.kinetic.recommendations;

import io.kinetic.recommendations.model.CoOccurrence;
import io.kinetic.recommendations.model.ContentSimilarity;
import io.kinetic.recommendations.model.DecayingCounts;
import io.kinetic.recommendations.model.Scored;
import io.kinetic.recommendations.model.SessionHistories;
import io.kinetic.recommendations.model.Signal;
import io.kinetic.recommendations.model.TopNeighbours;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The recommender's models, in memory on its event loop, each updated per signal (no batch job):
 * the sessions' histories (personal), item-item co-occurrence, content similarity (through the
 * catalog projection), and popularity and trending by units sold and added to carts; and EASE,
 * trained in the background, its lists swapped in whole.
 */
final class Models {

  /** An add to cart counts this much of a sale in popularity and trending. */
  static final double ADD_TO_CART_SHARE = 0.5;

  final SessionHistories sessions;
  final CoOccurrence coOccurrence;
  final ContentSimilarity content;
  final DecayingCounts popularity;
  final DecayingCounts trending;
  /** EASE's neighbour lists, replaced whole by each background training ({@link EaseTraining}); empty before the first. */
  TopNeighbours ease;
  /** The content neighbours the rows read: the live lists, or a copy of them (offline evaluation). */
  final Function<UUID, List<Scored>> similar;

  Models(RecommendationSettings settings) {
    this(settings, new ContentSimilarity(settings.neighbours()), null);
  }

  /**
   * Fresh models that read content neighbours from {@code contentLists} (a copy of the live lists,
   * for an evaluation off the event loop) instead of their own content model.
   */
  Models(RecommendationSettings settings, TopNeighbours contentLists) {
    this(settings, new ContentSimilarity(settings.neighbours()), contentLists);
  }

  private Models(RecommendationSettings settings, ContentSimilarity content, TopNeighbours contentLists) {
    // at most 20 products of 20,000 sessions (tens of MB): older sessions are less personal, no more
    this.sessions = new SessionHistories(20, 20_000);
    this.coOccurrence = new CoOccurrence(settings.neighbours(), sessions);
    this.content = content;
    this.similar = contentLists == null ? content::of : contentLists::of;
    this.popularity = new DecayingCounts(settings.popularityHalfLifeDays() * 86_400_000L);
    this.trending = new DecayingCounts(settings.trendingHalfLifeMinutes() * 60_000L);
    this.ease = new TopNeighbours(settings.neighbours());
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
