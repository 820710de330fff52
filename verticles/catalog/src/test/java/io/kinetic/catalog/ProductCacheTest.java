package io.kinetic.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.ProductStatus;
import io.kinetic.kernel.contract.catalog.Variant;
import io.kinetic.kernel.contract.catalog.VariantAvailability;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProductCacheTest {

  private long seq = 1;

  @Test
  void aLoadThatStartedBeforeAnInvalidationIsNotCached() {
    var cache = new ProductCache(100, Duration.ofMinutes(1));
    Product stale = product(UUID.randomUUID(), "stale");
    long generation = cache.generation(stale.id());
    cache.invalidate(stale.id(), stale.slug());
    cache.putIfCurrent(stale, generation);
    assertNull(cache.get(stale.id()));

    Product fresh = product(stale.id(), "fresh");
    cache.putIfCurrent(fresh, cache.generation(fresh.id()));
    assertSame(fresh, cache.get(fresh.id()));
    assertSame(fresh.id(), cache.idOf("fresh"));
  }

  @Test
  void availabilityIsAppliedInPlaceToTheVersionItWasComputedFor() {
    var cache = new ProductCache(100, Duration.ofMinutes(1));
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    Product cached = product(UUID.randomUUID(), "in-place", List.of(variant(a, 10), variant(b, 5)));
    cache.putIfCurrent(cached, cache.generation(cached.id()));

    long before = cache.generation(cached.id());
    cache.applyAvailability(cached.id(), cached.version(), List.of(new VariantAvailability(a, 7, seq++)));
    Product now = cache.get(cached.id());
    assertEquals(7, now.variants().get(0).available());
    assertEquals(5, now.variants().get(1).available());
    assertEquals(10, now.variants().get(0).stockOnHand());
    // a read that started before the change may not put the old figures back
    cache.putIfCurrent(cached, before);
    assertSame(now, cache.get(cached.id()));
  }

  @Test
  void anOlderFigureArrivingLateIsIgnored() {
    var cache = new ProductCache(100, Duration.ofMinutes(1));
    UUID a = UUID.randomUUID();
    Product cached = product(UUID.randomUUID(), "out-of-order", List.of(variant(a, 10)));
    cache.putIfCurrent(cached, cache.generation(cached.id()));
    cache.applyAvailability(cached.id(), cached.version(), List.of(new VariantAvailability(a, 4, 20)));
    cache.applyAvailability(cached.id(), cached.version(), List.of(new VariantAvailability(a, 8, 19)));
    assertEquals(4, cache.get(cached.id()).variants().get(0).available());
    cache.applyAvailability(cached.id(), cached.version(), List.of(new VariantAvailability(a, 2, 21)));
    assertEquals(2, cache.get(cached.id()).variants().get(0).available());
  }

  @Test
  void availabilityForAnotherVersionOrAnUnknownVariantDropsTheProduct() {
    var cache = new ProductCache(100, Duration.ofMinutes(1));
    UUID a = UUID.randomUUID();
    Product cached = product(UUID.randomUUID(), "other-version", List.of(variant(a, 10)));
    cache.putIfCurrent(cached, cache.generation(cached.id()));
    cache.applyAvailability(cached.id(), cached.version() + 1, List.of(new VariantAvailability(a, 3, seq++)));
    assertNull(cache.get(cached.id()));

    cache.putIfCurrent(cached, cache.generation(cached.id()));
    cache.applyAvailability(cached.id(), cached.version(), List.of(new VariantAvailability(UUID.randomUUID(), 3, seq++)));
    assertNull(cache.get(cached.id()));

    cache.applyAvailability(cached.id(), cached.version(), List.of(new VariantAvailability(a, 3, seq++)));
    assertNull(cache.get(cached.id()), "nothing cached, nothing to update");
  }

  @Test
  void availabilityAppliedInPlaceDoesNotExtendTheProductsLife() throws Exception {
    var cache = new ProductCache(100, Duration.ofMillis(300));
    UUID a = UUID.randomUUID();
    Product cached = product(UUID.randomUUID(), "short-lived", List.of(variant(a, 10)));
    cache.putIfCurrent(cached, cache.generation(cached.id()));
    for (int i = 0; i < 8; i++) {
      Thread.sleep(50);
      cache.applyAvailability(cached.id(), cached.version(), List.of(new VariantAvailability(a, i, seq++)));
    }
    Thread.sleep(100);
    assertNull(cache.get(cached.id()), "read from the database 500 ms ago, with a ttl of 300 ms");
    assertSame(cached.id(), cache.productOfVariant(a), "the variant's hint outlives the product");
  }

  private static Variant variant(UUID id, int available) {
    return new Variant(id, "SKU-" + id, Map.of(), List.of(), 10, available);
  }

  private static Product product(UUID id, String slug) {
    return product(id, slug, List.of());
  }

  private static Product product(UUID id, String slug, List<Variant> variants) {
    return new Product(id, slug, ProductStatus.PUBLISHED, "en", Map.of(), List.of(), Map.of(), List.of(), null,
      variants, Instant.now(), Instant.now(), 1);
  }
}
