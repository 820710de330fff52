package io.kinetic.recommendations.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The content lists of a 5,000-product catalogue like the demo's build in bounded time (candidates are bounded per product) and stay top-k. */
class ContentSimilarityScaleTest {

  private static final String[] ADJECTIVES = {"Alpine", "Atlas", "Aurora", "Breeze", "Coast", "Summit", "Willow", "Harbor", "Meadow", "Nova"};
  private static final String[] MATERIALS = {"wool", "linen", "silk", "bamboo", "ceramic", "wood", "leather", "cotton"};
  private static final String[] NOUNS = {"belt", "beanie", "boot", "cap", "chinos", "duvet cover", "jersey", "romper", "slide",
    "sleeping bag", "water bottle", "mug", "lamp", "scarf", "jacket"};

  @Test
  void fiveThousandProductsIndexInSecondsWithKNeighboursEach() {
    var random = new Random(7);
    var content = new ContentSimilarity(30);
    long started = System.nanoTime();
    UUID first = null;
    for (int i = 0; i < 5_000; i++) {
      UUID id = new UUID(1, i);
      first = first == null ? id : first;
      String name = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " " + MATERIALS[random.nextInt(MATERIALS.length)] + " "
        + NOUNS[random.nextInt(NOUNS.length)];
      content.update(new ProductFeatures(id, Set.of("c" + random.nextInt(35)), Set.of("colour=" + random.nextInt(12)),
        ProductFeatures.words(name, name + " made with care"), Math.log(1000 + random.nextInt(20000))));
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.println("5,000 products indexed in " + millis + " ms");
    assertTrue(content.of(first).size() <= 30);
    // a few seconds on a quiet machine; the bound only catches a return to all-pairs work
    assertTrue(millis < 120_000, millis + " ms");
  }
}
