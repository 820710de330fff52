package io.kinetic.kernel.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kinetic.kernel.contract.cart.CartLineView;
import io.kinetic.kernel.contract.cart.CartView;
import io.kinetic.kernel.contract.catalog.Media;
import io.kinetic.kernel.money.Money;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The hand-written cart writer must write exactly what Jackson's record serializer writes. */
class CartViewJsonTest {

  /** {@link Json#MAPPER}'s settings without the hand-written writers. */
  private static final ObjectMapper REFERENCE = JsonMapper.builder()
    .addModule(new JavaTimeModule())
    .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
    .build();

  @Test
  void writesWhatTheRecordSerializerWrites() throws Exception {
    var random = new Random(7);
    for (int i = 0; i < 500; i++) {
      CartView cart = cart(random);
      // bytes (UTF-8 output, as the HTTP answer) and text (a character writer) escape differently: each like Jackson
      String expected = new String(REFERENCE.writeValueAsBytes(cart), StandardCharsets.UTF_8);
      assertEquals(expected, new String(Json.bytes(cart), StandardCharsets.UTF_8));
      // again: the lines' variant parts now come from the writer's per-variant bytes
      assertEquals(expected, new String(Json.bytes(cart), StandardCharsets.UTF_8));
      assertEquals(expected, Json.encode(cart).toString());
      assertEquals(REFERENCE.writeValueAsString(cart), Json.string(cart));
      // and it reads back as the same value (the bus between nodes)
      assertEquals(cart, Json.decode(Json.bytes(cart), CartView.class));
    }
    // a variant whose name, slug or image changed is written as it is now, not as it was
    CartView before = cart(random);
    while (before.lines().isEmpty()) {
      before = cart(random);
    }
    Json.bytes(before);
    CartLineView l = before.lines().get(0);
    var renamed = new CartLineView(l.variantId(), l.sku(), l.productId(), l.productSlug() + "-new", "Renamed \u00e9 \"x\"",
      l.options(), new Media("https://cdn.example/new.png", "new"), l.quantity(), l.reserved(), l.available(), l.reservedUntil(),
      l.unitPrice(), l.lineTotal(), l.priceChanged(), l.previousUnitPrice(), l.unavailable(), l.unavailableReason(),
      l.insufficientStock(), l.addedAt(), l.taxClass());
    var lines = new ArrayList<>(before.lines());
    lines.set(0, renamed);
    CartView after = new CartView(before.id(), before.token(), before.customerId(), before.currency(), lines, before.itemCount(),
      before.subtotal(), before.hasChanges(), before.reservedUntil(), before.expiresAt(), before.updatedAt(), before.version());
    assertEquals(new String(REFERENCE.writeValueAsBytes(after), StandardCharsets.UTF_8), new String(Json.bytes(after), StandardCharsets.UTF_8));
    // nested in another value, as in a merge's answer
    var nested = Map.of("cart", cart(random));
    assertEquals(REFERENCE.writeValueAsString(nested), Json.string(nested));
    Json.bytes(nested);
    assertEquals(new String(REFERENCE.writeValueAsBytes(nested), StandardCharsets.UTF_8),
      new String(Json.bytes(nested), StandardCharsets.UTF_8));
  }

  @Test
  void instantsAsIso8601() {
    var random = new Random(11);
    List<Instant> cases = new ArrayList<>(List.of(Instant.EPOCH, Instant.ofEpochSecond(253402300799L, 999_999_999),
      Instant.ofEpochSecond(253402300800L), Instant.ofEpochSecond(-1), Instant.MIN, Instant.MAX,
      Instant.parse("2000-02-29T23:59:59.001Z"), Instant.parse("2100-03-01T00:00:00.000100Z"), Instant.now()));
    for (int i = 0; i < 100_000; i++) {
      long seconds = random.nextLong(253402300800L);
      int nano = switch (i % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1000;
        default -> random.nextInt(1_000_000_000);
      };
      cases.add(Instant.ofEpochSecond(seconds, nano));
    }
    for (Instant instant : cases) {
      assertEquals(instant.toString(), new String(Instants.iso(instant)));
    }
  }

  private static CartView cart(Random random) {
    int n = random.nextInt(6);
    var lines = new ArrayList<CartLineView>();
    for (int i = 0; i < n; i++) {
      var options = new LinkedHashMap<String, String>();
      for (int k = random.nextInt(3); k > 0; k--) {
        options.put(text(random, "opt" + k), random.nextInt(5) == 0 ? null : text(random, "v"));
      }
      lines.add(new CartLineView(maybe(random, UUID.randomUUID()), maybe(random, text(random, "SKU-")),
        maybe(random, UUID.randomUUID()), maybe(random, text(random, "slug-")), maybe(random, text(random, "Näme \"q\" \\ \n")),
        random.nextInt(6) == 0 ? null : options, maybe(random, new Media(text(random, "/img/"), maybe(random, text(random, "alt ✓")))),
        random.nextInt(100), random.nextInt(100), random.nextInt(), maybe(random, instant(random)), maybe(random, money(random)),
        maybe(random, money(random)), random.nextBoolean(), maybe(random, money(random)), random.nextBoolean(),
        maybe(random, "UNPUBLISHED"), random.nextBoolean(), maybe(random, instant(random)), maybe(random, "standard")));
    }
    return new CartView(maybe(random, UUID.randomUUID()), maybe(random, text(random, "tok")), maybe(random, UUID.randomUUID()),
      maybe(random, "EUR"), lines, random.nextInt(1000), maybe(random, money(random)), random.nextBoolean(),
      maybe(random, instant(random)), maybe(random, instant(random)), maybe(random, instant(random)), random.nextLong());
  }

  private static <T> T maybe(Random random, T value) {
    return random.nextInt(5) == 0 ? null : value;
  }

  private static String text(Random random, String prefix) {
    return prefix + Long.toString(random.nextLong(), 36) + (random.nextInt(4) == 0 ? "\u0001\u00e9\ud83d\ude00" : "");
  }

  private static Money money(Random random) {
    return new Money(random.nextLong() / 1000, random.nextBoolean() ? "EUR" : "USD");
  }

  private static Instant instant(Random random) {
    return Instant.ofEpochMilli(1_700_000_000_000L + random.nextInt(Integer.MAX_VALUE));
  }
}
