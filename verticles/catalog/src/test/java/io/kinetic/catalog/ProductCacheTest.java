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
    cache.putIfCurrent(stale, Map.of(), generation);
    assertNull(cache.get(stale.id()));

    Product fresh = product(stale.id(), "fresh");
    cache.putIfCurrent(fresh, Map.of(), cache.generation(fresh.id()));
    assertSame(fresh, cache.get(fresh.id()));
    assertSame(fresh.id(), cache.idOf("fresh"));
  }

  @Test
  void availabilityIsAppliedInPlaceToTheVersionItWasComputedFor() {
    var cache = new ProductCache(100, Duration.ofMinutes(1));
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    Product cached = product(UUID.randomUUID(), "in-place", List.of(variant(a, 10), variant(b, 5)));
    put(cache, cached);

    long before = cache.generation(cached.id());
    cache.applyAvailability(cached.id(), cached.version(), List.of(figure(a, 7, seq++)));
    Product now = cache.get(cached.id());
    assertEquals(7, now.variants().get(0).available());
    assertEquals(5, now.variants().get(1).available());
    assertEquals(10, now.variants().get(0).stockOnHand());
    // a read that started before the change may not put the old figures back
    cache.putIfCurrent(cached, stock(cached), before);
    assertSame(now, cache.get(cached.id()));
  }

  @Test
  void anOlderFigureArrivingLateIsIgnored() {
    var cache = new ProductCache(100, Duration.ofMinutes(1));
    UUID a = UUID.randomUUID();
    Product cached = product(UUID.randomUUID(), "out-of-order", List.of(variant(a, 10)));
    put(cache, cached);
    cache.applyAvailability(cached.id(), cached.version(), List.of(figure(a, 4, 20)));
    cache.applyAvailability(cached.id(), cached.version(), List.of(figure(a, 8, 19)));
    assertEquals(4, cache.get(cached.id()).variants().get(0).available());
    cache.applyAvailability(cached.id(), cached.version(), List.of(figure(a, 2, 21)));
    assertEquals(2, cache.get(cached.id()).variants().get(0).available());
  }

  @Test
  void availabilityForAnotherVersionOrAnUnknownVariantDropsTheProduct() {
    var cache = new ProductCache(100, Duration.ofMinutes(1));
    UUID a = UUID.randomUUID();
    Product cached = product(UUID.randomUUID(), "other-version", List.of(variant(a, 10)));
    put(cache, cached);
    cache.applyAvailability(cached.id(), cached.version() + 1, List.of(figure(a, 3, seq++)));
    assertNull(cache.get(cached.id()));

    put(cache, cached);
    cache.applyAvailability(cached.id(), cached.version(), List.of(figure(UUID.randomUUID(), 3, seq++)));
    assertNull(cache.get(cached.id()));

    cache.applyAvailability(cached.id(), cached.version(), List.of(figure(a, 3, seq++)));
    assertNull(cache.get(cached.id()), "nothing cached, nothing to update");
  }

  @Test
  void availabilityAppliedInPlaceDoesNotExtendTheProductsLife() throws Exception {
    var cache = new ProductCache(100, Duration.ofMillis(300));
    UUID a = UUID.randomUUID();
    Product cached = product(UUID.randomUUID(), "short-lived", List.of(variant(a, 10)));
    put(cache, cached);
    for (int i = 0; i < 8; i++) {
      Thread.sleep(50);
      cache.applyAvailability(cached.id(), cached.version(), List.of(figure(a, i, seq++)));
    }
    Thread.sleep(100);
    assertNull(cache.get(cached.id()), "read from the database 500 ms ago, with a ttl of 300 ms");
    assertSame(cached.id(), cache.productOfVariant(a), "the variant's hint outlives the product");
  }

  @Test
  void aNewerStockFigureIsAppliedInPlaceAndAnOlderOneArrivingLateIsIgnored() {
    var changes = new java.util.concurrent.atomic.AtomicInteger();
    var cache = new ProductCache(100, Duration.ofMinutes(1), changes::incrementAndGet);
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    Product cached = product(UUID.randomUUID(), "stock", List.of(variant(a, 8), variant(b, 5)));
    put(cache, cached); // on hand 10 each, stock sequence 1; a: 2 reserved
    long before = cache.generation(cached.id());

    cache.applyStock(cached.id(), cached.version(), a, 7, 5L); // an order took 3
    Product now = cache.get(cached.id());
    assertEquals(7, now.variants().get(0).stockOnHand());
    assertEquals(5, now.variants().get(0).available(), "7 on hand, 2 reserved");
    assertEquals(10, now.variants().get(1).stockOnHand());
    assertEquals(1, changes.get(), "the node's catalog changes counter moves (the carts' kept answers)");
    cache.putIfCurrent(cached, stock(cached), before);
    assertSame(now, cache.get(cached.id()), "a read that started before the change may not put the old figures back");

    cache.applyStock(cached.id(), cached.version(), a, 10, 6L); // given back
    cache.applyStock(cached.id(), cached.version(), a, 7, 5L); // the first change's event, arriving late
    assertEquals(10, cache.get(cached.id()).variants().get(0).stockOnHand(), "an older figure never comes back");
    assertEquals(8, cache.get(cached.id()).variants().get(0).available());
  }

  @Test
  void aStockFigureWithoutASequenceForAnotherVersionOrAnUnknownVariantDropsTheProduct() {
    var cache = new ProductCache(100, Duration.ofMinutes(1));
    UUID a = UUID.randomUUID();
    Product cached = product(UUID.randomUUID(), "stock-drop", List.of(variant(a, 10)));
    put(cache, cached);
    cache.applyStock(cached.id(), cached.version(), a, 3, null);
    assertNull(cache.get(cached.id()));
    put(cache, cached);
    cache.applyStock(cached.id(), cached.version() + 1, a, 3, 9L);
    assertNull(cache.get(cached.id()));
    put(cache, cached);
    cache.applyStock(cached.id(), cached.version(), UUID.randomUUID(), 3, 9L);
    assertNull(cache.get(cached.id()));
  }

  @Test
  void availableIsNeverBelowZeroAndAFigureWithoutItsReservedTotalDropsTheProduct() {
    var cache = new ProductCache(100, Duration.ofMinutes(1));
    UUID a = UUID.randomUUID();
    Product cached = product(UUID.randomUUID(), "clamped", List.of(variant(a, 6)));
    put(cache, cached); // 10 on hand, 4 reserved
    cache.applyStock(cached.id(), cached.version(), a, 1, 5L);
    assertEquals(0, cache.get(cached.id()).variants().get(0).available(), "1 on hand, 4 reserved");
    assertEquals(1, cache.get(cached.id()).variants().get(0).stockOnHand());
    cache.applyAvailability(cached.id(), cached.version(), List.of(new VariantAvailability(a, 3, seq++, null)));
    assertNull(cache.get(cached.id()), "an older node's figure (no reserved total): read again");
  }

  @Test
  void availabilityIsComputedFromTheNewestStockOnHand() {
    var cache = new ProductCache(100, Duration.ofMinutes(1));
    UUID a = UUID.randomUUID();
    Product cached = product(UUID.randomUUID(), "both", List.of(variant(a, 10)));
    put(cache, cached);
    cache.applyStock(cached.id(), cached.version(), a, 7, 5L);
    // reserved 2, computed while on hand was still 10 (available 8 then): available is 7 - 2 now
    cache.applyAvailability(cached.id(), cached.version(), List.of(new VariantAvailability(a, 8, seq++, 2)));
    assertEquals(5, cache.get(cached.id()).variants().get(0).available());
    assertEquals(7, cache.get(cached.id()).variants().get(0).stockOnHand());
  }

  /** Caches {@code product} as a read would: on hand 10, stock sequence 1, reserved = 10 − available. */
  private static void put(ProductCache cache, Product product) {
    cache.putIfCurrent(product, stock(product), cache.generation(product.id()));
  }

  private static Map<UUID, ProductCache.Stock> stock(Product product) {
    var stock = new java.util.HashMap<UUID, ProductCache.Stock>();
    product.variants().forEach(v -> stock.put(v.id(), new ProductCache.Stock(1, v.stockOnHand() - v.available(), 0)));
    return stock;
  }

  /** A carts' figure: available {@code available} of 10 on hand. */
  private static VariantAvailability figure(UUID variant, int available, long sequence) {
    return new VariantAvailability(variant, available, sequence, 10 - available);
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
