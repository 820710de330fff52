package io.kinetic.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.bench.CatalogSample.Variant;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CartPlanTest {

  /** 1,000 products with 1 to 4 variants each. */
  private static final List<Variant> SELLABLE = IntStream.range(0, 1000).boxed()
      .flatMap(p -> IntStream.range(0, 1 + p % 4).mapToObj(v -> new Variant("v-" + p + "-" + v, "SKU-" + p + "-" + v, "p-" + p)))
      .toList();

  @Test
  void variantsComeFromDistinctProductsAndTheHotOneFromAnother() {
    var choice = CartPlan.choose(SELLABLE, 500, new Random(42));
    assertEquals(500, choice.spread().size());
    Set<String> products = choice.spread().stream().map(Variant::productId).collect(Collectors.toSet());
    assertEquals(500, products.size(), "one variant per product");
    assertFalse(products.contains(choice.hot().productId()));
    assertTrue(choice.spread().stream().anyMatch(v -> !v.id().endsWith("-0")), "any variant of a product, not the first");
    assertTrue(choice.spread().stream().anyMatch(v -> Integer.parseInt(v.productId().substring(2)) >= 900),
        "drawn from the whole catalogue, not its first products");
    assertEquals(choice, CartPlan.choose(SELLABLE, 500, new Random(42)), "the same seed gives the same variants");
    assertEquals(999, CartPlan.choose(SELLABLE, 5000, new Random(1)).spread().size(), "at most all products but the hot one");
    assertThrows(IllegalArgumentException.class, () -> CartPlan.choose(SELLABLE.subList(0, 1), 10, new Random(1)));
  }

  @Test
  void cartsHoldAFewDistinctVariantsEvenlySpreadAndTheHotOneIsATenthOfTheLines() {
    var choice = CartPlan.choose(SELLABLE, 500, new Random(42));
    List<List<Variant>> carts = CartPlan.carts(4000, choice, 0.1, new Random(7));

    assertEquals(4000, carts.size());
    Map<Variant, Integer> uses = new HashMap<>();
    int lines = 0;
    int hot = 0;
    for (List<Variant> cart : carts) {
      assertEquals(cart.size(), new HashSet<>(cart).size(), "a variant once per cart");
      long spread = cart.stream().filter(v -> !v.equals(choice.hot())).count();
      assertTrue(spread >= CartPlan.MIN_LINES && spread <= CartPlan.MAX_LINES, cart::toString);
      lines += cart.size();
      hot += cart.contains(choice.hot()) ? 1 : 0;
      cart.stream().filter(v -> !v.equals(choice.hot())).forEach(v -> uses.merge(v, 1, Integer::sum));
    }
    assertEquals(0.1, (double) hot / lines, 0.005);
    assertEquals(500, uses.size(), "every chosen variant is in some cart");
    int least = uses.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
    int most = uses.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
    assertTrue(most - least <= 2, "dealt evenly: " + least + ".." + most);
  }

  @Test
  void urlFilesNameEachCartAndVariantOnceWithTheCartsToken() {
    var choice = CartPlan.choose(SELLABLE, 20, new Random(3));
    List<List<Variant>> carts = CartPlan.carts(50, choice, 0.1, new Random(3));
    List<String> tokens = IntStream.range(0, 50).mapToObj(i -> "tok" + i).toList();

    List<RequestLine> adds = CartPlan.addLines(tokens, carts);

    assertEquals(carts.stream().mapToInt(List::size).sum(), adds.size());
    Set<String> pairs = new HashSet<>();
    for (RequestLine add : adds) {
      assertEquals(HttpMethod.POST, add.method());
      assertEquals("/api/v1/cart/lines", add.path());
      JsonObject body = new JsonObject(add.body());
      assertEquals(1, body.getInteger("quantity"));
      assertTrue(pairs.add(add.headers().get("X-Cart-Token") + "|" + body.getString("variantId")));
      assertEquals(add, RequestLine.parse(add.format()));
    }
    List<RequestLine> gets = CartPlan.getLines(tokens);
    assertEquals(new ArrayList<>(tokens), gets.stream().map(g -> g.headers().get("X-Cart-Token")).toList());
    assertTrue(gets.stream().allMatch(g -> g.method() == HttpMethod.GET && g.path().equals("/api/v1/cart")));
  }

  @Test
  void enoughCartsThatNoLineNearsTheLineLimit() {
    assertEquals(4000, CartPlan.cartsFor(20, 20_000, 30, 4000, 0.1), "the minimum when it suffices");
    int carts = CartPlan.cartsFor(150, 20_000, 30, 4000, 0.1);
    double linesPerCart = (CartPlan.MIN_LINES + CartPlan.MAX_LINES) / 2.0 / 0.9;
    assertTrue(150 * 20_000 / (carts * linesPerCart) <= 30, "at most 30 adds per line on average: " + carts);
  }
}
