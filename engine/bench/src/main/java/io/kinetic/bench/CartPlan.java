package io.kinetic.bench;

import io.kinetic.bench.CatalogSample.Variant;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * What the cart scenarios put in which guest cart, drawn with a seeded random source (the same
 * database and seed give the same plan). The variants: one per product, from products in random
 * order over the whole sellable catalogue (published, priced in the cart's currency), and one more
 * product's variant as the hot one. Each cart holds {@value #MIN_LINES} to {@value #MAX_LINES}
 * distinct spread variants, dealt from a shuffled deck so every variant lands in about as many
 * carts; the hot variant is added to enough carts that its lines are {@code hotShare} of all lines.
 * A url file names every (cart, variant) pair once, so uniform picking by the load generator adds
 * the hot variant in {@code hotShare} of the requests and spreads the rest evenly.
 */
final class CartPlan {

  static final int MIN_LINES = 1;
  static final int MAX_LINES = 8;
  static final String TOKEN_HEADER = "X-Cart-Token";
  static final String LINES_PATH = "/api/v1/cart/lines";
  static final String CART_PATH = "/api/v1/cart";

  /** The spread variants (distinct products) and the hot one (yet another product). */
  record Choice(List<Variant> spread, Variant hot) {
  }

  private CartPlan() {
  }

  /** {@code count} variants of distinct products, and a hot one; fewer when the catalogue has fewer products. */
  static Choice choose(List<Variant> sellable, int count, Random random) {
    Map<String, List<Variant>> byProduct = new LinkedHashMap<>();
    sellable.forEach(v -> byProduct.computeIfAbsent(v.productId(), k -> new ArrayList<>()).add(v));
    if (byProduct.size() < 2) {
      throw new IllegalArgumentException("the cart scenarios need at least 2 published products with a price, found "
          + byProduct.size());
    }
    List<List<Variant>> products = new ArrayList<>(byProduct.values());
    Collections.shuffle(products, random);
    int spread = Math.min(count, products.size() - 1);
    List<Variant> chosen = new ArrayList<>(spread);
    for (int i = 0; i < spread; i++) {
      List<Variant> variants = products.get(i);
      chosen.add(variants.get(random.nextInt(variants.size())));
    }
    List<Variant> hotProduct = products.get(spread);
    return new Choice(List.copyOf(chosen), hotProduct.get(random.nextInt(hotProduct.size())));
  }

  /**
   * The variants of {@code count} carts: each {@value #MIN_LINES}..{@value #MAX_LINES} distinct spread
   * variants (fewer when there are fewer), plus the hot variant in as many carts as make it
   * {@code hotShare} of all lines (at most one hot line per cart).
   */
  static List<List<Variant>> carts(int count, Choice choice, double hotShare, Random random) {
    List<Variant> deck = new ArrayList<>();
    List<List<Variant>> carts = new ArrayList<>(count);
    int spreadLines = 0;
    int most = Math.min(MAX_LINES, choice.spread().size());
    for (int c = 0; c < count; c++) {
      int size = Math.min(most, MIN_LINES + random.nextInt(MAX_LINES - MIN_LINES + 1));
      Set<Variant> cart = new LinkedHashSet<>();
      List<Variant> skipped = new ArrayList<>();
      while (cart.size() < size) {
        if (deck.isEmpty()) {
          List<Variant> fresh = new ArrayList<>(choice.spread());
          Collections.shuffle(fresh, random);
          deck.addAll(fresh);
        }
        Variant next = deck.remove(deck.size() - 1);
        if (!cart.add(next)) {
          skipped.add(next); // already in this cart (a fresh deck began mid-cart): the next cart gets it
        }
      }
      deck.addAll(skipped);
      spreadLines += size;
      carts.add(new ArrayList<>(cart));
    }
    int hotLines = hotShare <= 0 ? 0 : (int) Math.min(count, Math.round(spreadLines * hotShare / (1 - hotShare)));
    List<Integer> order = new ArrayList<>(count);
    for (int c = 0; c < count; c++) {
      order.add(c);
    }
    Collections.shuffle(order, random);
    for (int i = 0; i < hotLines; i++) {
      List<Variant> cart = carts.get(order.get(i));
      cart.add(random.nextInt(cart.size() + 1), choice.hot());
    }
    return carts.stream().map(List::copyOf).toList();
  }

  /** Enough carts that at {@code maxRps} for {@code seconds} each line is added {@code perLine} times on average. */
  static int cartsFor(double seconds, int maxRps, int perLine, int minimum, double hotShare) {
    double lines = seconds * maxRps / perLine;
    double linesPerCart = (MIN_LINES + MAX_LINES) / 2.0 / (1 - hotShare);
    return (int) Math.max(minimum, Math.ceil(lines / linesPerCart));
  }

  /** One add (quantity 1) per cart and variant, with the cart's token. */
  static List<RequestLine> addLines(List<String> tokens, List<List<Variant>> carts) {
    List<RequestLine> out = new ArrayList<>();
    for (int c = 0; c < carts.size(); c++) {
      for (Variant v : carts.get(c)) {
        out.add(addLine(tokens.get(c), v));
      }
    }
    return out;
  }

  static RequestLine addLine(String token, Variant variant) {
    return new RequestLine(HttpMethod.POST, LINES_PATH,
        new JsonObject().put("variantId", variant.id()).put("quantity", 1).encode(), false).withHeader(TOKEN_HEADER, token);
  }

  /** One read per cart, with its token. */
  static List<RequestLine> getLines(List<String> tokens) {
    return tokens.stream().map(t -> RequestLine.get(CART_PATH).withHeader(TOKEN_HEADER, t)).toList();
  }
}
