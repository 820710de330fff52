package io.kinetic.catalog;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.ProductStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProductCacheTest {

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

  private static Product product(UUID id, String slug) {
    return new Product(id, slug, ProductStatus.PUBLISHED, "en", Map.of(), List.of(), Map.of(), List.of(), null,
      List.of(), Instant.now(), Instant.now(), 1);
  }
}
