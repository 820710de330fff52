package io.kinetic.recommendations.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Co-occurrence on hand-made sessions with known answers. */
class CoOccurrenceTest {

  private final UUID a = new UUID(0, 1);
  private final UUID b = new UUID(0, 2);
  private final UUID c = new UUID(0, 3);
  private final UUID d = new UUID(0, 4);

  @Test
  void pairsScoreTheWeakerOfTheirStrongestSignalsSummedOverSessions() {
    var co = new CoOccurrence(10, new SessionHistories(30, 100));
    // s1: a viewed, b added to the cart → a–b scores min(1, 4) = 1
    co.learn(new Signal("s1", a, Signal.VIEW, 0, 1));
    co.learn(new Signal("s1", b, Signal.ADD_TO_CART, 1, 2));
    // s2: a and c both added to the cart → a–c scores 4
    co.learn(new Signal("s2", a, Signal.ADD_TO_CART, 1, 3));
    co.learn(new Signal("s2", c, Signal.ADD_TO_CART, 1, 4));
    assertEquals(List.of(new Scored(c, 4), new Scored(b, 1)), co.of(a));
    // a in s1 is then added to the cart too: a–b rises to min(4, 4) = 4, by the difference only
    co.learn(new Signal("s1", a, Signal.ADD_TO_CART, 1, 5));
    assertEquals(4.0, score(co.of(a), b));
    assertEquals(4.0, score(co.of(b), a), "pairs are symmetric");
  }

  @Test
  void theSameSignalTwiceCountsOnce() {
    var co = new CoOccurrence(10, new SessionHistories(30, 100));
    co.learn(new Signal("s", a, Signal.VIEW, 0, 1));
    co.learn(new Signal("s", b, Signal.VIEW, 0, 2));
    co.learn(new Signal("s", b, Signal.VIEW, 0, 3));
    assertEquals(1.0, score(co.of(a), b));
  }

  @Test
  void anOrderMakesItsProductsBoughtTogetherWithThePurchaseWeight() {
    var co = new CoOccurrence(10, new SessionHistories(30, 100));
    co.learnOrder(List.of(a, b, c));
    assertEquals(Signal.PURCHASE, score(co.of(a), b));
    assertEquals(Signal.PURCHASE, score(co.of(c), a));
  }

  @Test
  void onlyTheTopKNeighboursAreKept() {
    var co = new CoOccurrence(2, new SessionHistories(30, 100));
    co.learnOrder(List.of(a, b));
    co.learnOrder(List.of(a, b));
    co.learnOrder(List.of(a, c));
    co.learnOrder(List.of(a, c));
    co.learnOrder(List.of(a, c));
    co.learnOrder(List.of(a, d));
    var neighbours = co.of(a);
    assertEquals(2, neighbours.size(), "never more than k");
    assertEquals(c, neighbours.get(0).productId());
    assertEquals(b, neighbours.get(1).productId(), "a weaker newcomer does not push out a stronger pair");
    assertTrue(co.of(d).size() <= 2);
  }

  private static double score(List<Scored> list, UUID id) {
    return list.stream().filter(s -> s.productId().equals(id)).mapToDouble(Scored::score).findFirst().orElse(0);
  }
}
