package io.kinetic.recommendations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.ProductStatus;
import io.kinetic.kernel.contract.catalog.Translation;
import io.kinetic.kernel.contract.catalog.Variant;
import io.kinetic.kernel.contract.recommendations.Recommend;
import io.kinetic.kernel.contract.recommendations.RecommendationRow;
import io.kinetic.kernel.contract.recommendations.RecommendedProduct;
import io.kinetic.kernel.contract.recommendations.Situation;
import io.kinetic.kernel.money.Money;
import io.kinetic.recommendations.model.Signal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The situations on a hand-made catalogue: cascades, filters and re-ranking. */
class RecommenderTest {

  private final RecommendationSettings settings = new RecommendationSettings("", 1, "", 1,
    new AppConfig.Outbox(1000, 100, 7, false), 1000, "en", "EUR", 100, 120, 6000, 30, 30, 20, 360, 14, 0);
  private final Models models = new Models(settings);
  private final CatalogProjection catalog = new CatalogProjection(models.content, "EUR");
  private final Recommender recommender = new Recommender(models, catalog, new LatencyRecorder(), new AbTest(0), "en", "EUR");

  private UUID product(String name, ProductStatus status, int stock) {
    UUID id = UUID.randomUUID();
    var variant = new Variant(UUID.randomUUID(), "SKU-" + id, Map.of(), List.of(Money.of(2500, "EUR")), stock, stock);
    var product = new Product(id, "p-" + id, status, "en", Map.of("en", new Translation(name, name)), List.of(), Map.of(),
      List.of(), null, List.of(variant), Instant.now(), Instant.now(), 1);
    recommender.invalidate(catalog.put(CatalogItem.of(product)));
    return id;
  }

  private RecommendationRow row(Recommend q, String kind) {
    return recommender.recommend(q).rows().stream().filter(r -> r.kind().equals(kind)).findFirst().orElseThrow();
  }

  private static List<UUID> ids(RecommendationRow row) {
    return row.items().stream().map(RecommendedProduct::id).toList();
  }

  @Test
  void similarProductsAreServedByContentDraftsNeverAndSoldOutLast() {
    UUID seed = product("Pangolin teapot one", ProductStatus.PUBLISHED, 5);
    UUID other = product("Unrelated bicycle", ProductStatus.PUBLISHED, 5);
    var before = row(new Recommend(Situation.PRODUCT, null, seed, null, null, 24, null, null), "similar");
    assertEquals("catalogue", before.model(), "nothing similar yet: the cold start answers");
    UUID draft = product("Pangolin teapot two", ProductStatus.DRAFT, 5);
    UUID soldOut = product("Pangolin teapot three", ProductStatus.PUBLISHED, 0);
    UUID inStock = product("Pangolin teapot four", ProductStatus.PUBLISHED, 5);
    var similar = row(new Recommend(Situation.PRODUCT, null, seed, null, null, 24, null, null), "similar");
    assertEquals("content", similar.model());
    assertEquals(List.of(inStock, other, soldOut), ids(similar), "content first, the cascade fills up, sold out last");
    assertFalse(ids(similar).contains(draft));
  }

  @Test
  void anOrderMakesBoughtTogetherAndCartComplements() {
    UUID a = product("Wombat kettle", ProductStatus.PUBLISHED, 5);
    UUID b = product("Numbat toaster", ProductStatus.PUBLISHED, 5);
    product("Quokka lamp", ProductStatus.PUBLISHED, 5);
    assertFalse(row(new Recommend(Situation.PRODUCT, null, a, null, null, 8, null, null), "bought-together").model()
      .equals("co-occurrence"));
    recommender.invalidate(models.learnOrder(List.of(a, b), List.of(1, 2), System.currentTimeMillis()));
    var together = row(new Recommend(Situation.PRODUCT, null, a, null, null, 8, null, null), "bought-together");
    assertEquals("co-occurrence", together.model());
    assertEquals(b, ids(together).get(0));
    var complements = row(new Recommend(Situation.CART, null, null, null, List.of(a), 8, null, null), "complements");
    assertEquals(b, ids(complements).get(0));
    assertFalse(ids(complements).contains(a));
    assertEquals(b, row(new Recommend(Situation.HOME, null, null, null, null, 8, null, null), "for-you").items().get(0).id(),
      "no history: trending, by units sold");
  }

  @Test
  void homeIsPersonalFromTheSessionsHistory() {
    UUID a = product("Alpha", ProductStatus.PUBLISHED, 5);
    UUID b = product("Beta", ProductStatus.PUBLISHED, 5);
    UUID c = product("Gamma", ProductStatus.PUBLISHED, 5);
    long now = System.currentTimeMillis();
    models.learn(new Signal("other", a, Signal.VIEW, 0, now));
    models.learn(new Signal("other", c, Signal.VIEW, 0, now));
    models.learn(new Signal("mine", a, Signal.VIEW, 0, now));
    var home = row(new Recommend(Situation.HOME, "mine", null, null, null, 8, null, null), "for-you");
    assertEquals("co-occurrence", home.model());
    assertEquals(c, ids(home).get(0));
    assertFalse(ids(home).contains(a), "not what the shopper just saw");
    assertTrue(ids(home).contains(b), "filled up by the cascade");
  }
}
