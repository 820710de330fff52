package io.kinetic.recommendations.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Windowed popularity and trending: counts that halve every half-life. */
class DecayingCountsTest {

  @Test
  void countsHalveEveryHalfLifeAndRankBySalesNotByAnythingElse() {
    UUID old = new UUID(0, 1);
    UUID recent = new UUID(0, 2);
    var trending = new DecayingCounts(1_000);
    trending.add(old, 4, 0);
    trending.add(recent, 3, 2_000);
    assertEquals(1.0, trending.value(old, 2_000), 1e-9, "4 sales two half-lives ago weigh 1");
    assertEquals(recent, trending.ranking(2_000).get(0).productId());
    var popularity = new DecayingCounts(1_000_000);
    popularity.add(old, 4, 0);
    popularity.add(recent, 3, 2_000);
    assertEquals(old, popularity.ranking(2_000).get(0).productId(), "over a long window the old sales still win");
  }
}
