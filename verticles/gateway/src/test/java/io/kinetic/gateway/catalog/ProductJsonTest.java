package io.kinetic.gateway.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.kinetic.gateway.Samples;
import io.kinetic.kernel.contract.catalog.ProductPage;
import io.kinetic.kernel.json.Json;
import java.util.List;
import java.util.UUID;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reused product JSON is byte for byte what Jackson writes for the same records. */
class ProductJsonTest {

  private static Vertx vertx;
  private ProductJson json;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  @BeforeEach
  void cache() {
    json = ProductJson.of(vertx, Duration.ofMinutes(1));
    json.clear();
  }

  @Test
  void aPageIsTheSameBytesAsJacksonWrites() {
    var items = List.of(Samples.view(UUID.randomUUID(), "a-é\"quote", "de", List.of(UUID.randomUUID())),
      Samples.view(UUID.randomUUID(), "b", "en", List.of()));
    for (String next : new String[] {null, "cursor/\"with\"+escapes"}) {
      var page = new ProductPage(items, next);
      assertArrayEquals(Json.bytes(page), json.page(page).getBytes(), "next = " + next);
    }
    var empty = new ProductPage(List.of(), null);
    assertArrayEquals(Json.bytes(empty), json.page(empty).getBytes());
  }

  @Test
  void aProductIsSerializedOncePerVersionAndLocale() {
    var view = Samples.view(UUID.randomUUID(), "once", "en", List.of());
    byte[] first = json.of(view);
    assertSame(first, json.of(view));
    assertArrayEquals(Json.bytes(view), first);
    json.clear();
    assertEquals(new String(first), new String(json.of(view)));
  }
}
