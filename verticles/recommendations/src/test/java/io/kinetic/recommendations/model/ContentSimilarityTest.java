package io.kinetic.recommendations.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Content similarity on a hand-made catalogue with known answers. */
class ContentSimilarityTest {

  private final UUID redShirt = new UUID(0, 1);
  private final UUID blueShirt = new UUID(0, 2);
  private final UUID mug = new UUID(0, 3);

  private ProductFeatures product(UUID id, String category, String colour, String name, long price) {
    return new ProductFeatures(id, Set.of(category), Set.of("colour=" + colour), ProductFeatures.words(name, null), Math.log(price));
  }

  @Test
  void productsSharingCategoryWordsAndPriceAreNeighboursOthersAreNot() {
    var content = new ContentSimilarity(10);
    content.update(product(redShirt, "shirts", "red", "Linen shirt", 4000));
    content.update(product(blueShirt, "shirts", "blue", "Linen shirt", 4200));
    content.update(product(mug, "kitchen", "red", "Coffee mug", 900));
    assertEquals(blueShirt, content.of(redShirt).get(0).productId());
    assertEquals(redShirt, content.of(blueShirt).get(0).productId(), "the first product learns of the second one");
    assertTrue(content.of(mug).stream().allMatch(s -> s.score() < content.of(redShirt).get(0).score()));
  }

  @Test
  void aChangedProductMovesBetweenNeighbourhoodsAndADeletedOneLeavesThem() {
    var content = new ContentSimilarity(10);
    content.update(product(redShirt, "shirts", "red", "Linen shirt", 4000));
    content.update(product(mug, "kitchen", "green", "Coffee mug", 900));
    content.update(product(blueShirt, "kitchen", "green", "Coffee mug", 900));
    assertEquals(mug, content.of(blueShirt).get(0).productId());
    content.update(product(blueShirt, "shirts", "red", "Linen shirt", 4000));
    assertEquals(redShirt, content.of(blueShirt).get(0).productId());
    assertTrue(content.of(mug).stream().noneMatch(s -> s.productId().equals(blueShirt)), "it left the mug's list");
    content.remove(blueShirt);
    assertTrue(content.of(redShirt).isEmpty());
  }
}
