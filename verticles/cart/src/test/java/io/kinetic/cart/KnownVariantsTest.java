package io.kinetic.cart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.catalog.CatalogChanges;
import io.kinetic.kernel.contract.catalog.ProductStatus;
import io.kinetic.kernel.contract.catalog.VariantSummary;
import io.kinetic.kernel.money.Money;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KnownVariantsTest {

  private final Vertx vertx = Vertx.vertx();
  private final Vertx otherNode = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close();
    otherNode.close();
  }

  @Test
  void anAnswerIsUsedOnlyWhileTheNodesCatalogChangedNothing() {
    var changes = CatalogChanges.of(vertx);
    var known = new KnownVariants(changes);
    UUID id = UUID.randomUUID();
    long asked = known.generation();
    known.remember(Map.of(id, variant(id, 1000)), "EUR", "en", asked, System.currentTimeMillis());

    var found = new HashMap<UUID, VariantSummary>();
    assertEquals(List.of(), known.lookup(List.of(id), "EUR", "en", found));
    assertEquals(1000, found.get(id).price().amount());
    assertEquals(List.of(id), known.lookup(List.of(id), "USD", "en", new HashMap<>()), "per currency");
    assertEquals(List.of(id), known.lookup(List.of(id), "EUR", "de", new HashMap<>()), "per locale");

    CatalogChanges.of(otherNode).changed();
    assertEquals(List.of(), known.lookup(List.of(id), "EUR", "en", new HashMap<>()), "another node's counter is its own");

    changes.changed();
    assertEquals(List.of(id), known.lookup(List.of(id), "EUR", "en", new HashMap<>()), "the catalog changed: asked again");
  }

  @Test
  void anAnswerToAQuestionSentBeforeAChangeIsNotKept() {
    var changes = CatalogChanges.of(vertx);
    var known = new KnownVariants(changes);
    UUID id = UUID.randomUUID();
    long asked = known.generation();
    changes.changed(); // a write committed while the question was on its way
    known.remember(Map.of(id, variant(id, 1000)), "EUR", "en", asked, System.currentTimeMillis());
    assertEquals(List.of(id), known.lookup(List.of(id), "EUR", "en", new HashMap<>()));
  }

  @Test
  void anAnswerIsUsedForAFewSecondsAtMost() {
    var known = new KnownVariants(CatalogChanges.of(vertx));
    UUID id = UUID.randomUUID();
    known.remember(Map.of(id, variant(id, 1000)), "EUR", "en", known.generation(),
      System.currentTimeMillis() - KnownVariants.MAX_AGE_MILLIS);
    assertEquals(List.of(id), known.lookup(List.of(id), "EUR", "en", new HashMap<>()));
    assertTrue(KnownVariants.MAX_AGE_MILLIS <= 5000);
  }

  private static VariantSummary variant(UUID id, long amount) {
    return new VariantSummary(id, "SKU", UUID.randomUUID(), "slug", "name", ProductStatus.PUBLISHED, Map.of(), null,
      Money.of(amount, "EUR"), 5, 1, "standard", null);
  }
}
