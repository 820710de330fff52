package io.kinetic.recommendations;

import io.kinetic.kernel.contract.catalog.Translation;
import io.kinetic.kernel.contract.catalog.Variant;
import io.kinetic.kernel.contract.recommendations.BehaviourType;
import io.kinetic.kernel.money.Money;
import io.kinetic.recommendations.model.Signal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Shoppers with latent tastes over a catalogue of the demo catalogue's shape, for the offline
 * evaluation ({@code scripts/reco-eval}). Deterministic: the same seed and sizes give the same
 * catalogue and the same events.
 *
 * <p><b>Catalogue.</b> Like {@code seed --products}: 21 leaf categories under 7 top ones, each
 * with its nouns; a product has a line ("Aurora"), a material, a brand, a colour, a weight, a
 * price of 4.99 to 199.99 EUR, 1 to 4 variants; 1 in 10 is a draft, 1 in 10 variants is sold out.
 * Each product also has a hidden <i>appeal</i> (log-normal, σ = {@value #APPEAL_SIGMA}): some
 * products are simply liked more, which is what popularity can learn.
 *
 * <p><b>Shoppers.</b> Each has latent tastes no model sees: two favourite leaf categories (the
 * popular leaves more often), two brands, two colours, a line (a style) and a price level (a
 * log-price centre and width). A product's utility for a shopper is
 * {@code log(appeal) + 1.2 [brand] + 0.8 [colour] + 1.0 [line] - |log price - centre| / width}.
 *
 * <p><b>Sessions.</b> A shopper visits {@code 1 + Poisson(1.5)} times over the period. A visit
 * starts in a favourite leaf (3 in 4) or any leaf, and views products chosen by softmax of utility
 * among those not seen yet: then it stays in the leaf (55 %), moves to a complementary leaf of the
 * same top category, preferring the line of the product just seen (+1.5: outfits and sets, which
 * co-occurrence can learn and content only partly, from the line's word in the name) (20 %), moves
 * to its other favourite leaf (15 %) or follows a shop-wide bestseller, by appeal alone (10 %);
 * after each view it leaves with probability 0.2 (at most 20 views). Dwell time is longer for
 * products it likes (a long view when over {@code longViewSeconds}); a product is added to the
 * cart with probability {@code 0.25 sigmoid(utility - 1)}, and at the end of the visit the cart
 * is bought (one order) with probability 0.6. Events are the storefront's (view, leave with dwell,
 * add to cart) and the order's purchases, mapped to signals by the engine's own rules
 * ({@link EventIngestion#signal}).
 */
final class ShopperSimulation {

  static final double APPEAL_SIGMA = 1.0;
  static final long START_MILLIS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
  private static final String[][][] TREE = {
    {{"clothing"}, {"shirts", "shirt", "blouse", "polo"}, {"trousers", "chinos", "jeans", "shorts"},
      {"jackets", "jacket", "parka", "blazer"}, {"knitwear", "sweater", "cardigan", "scarf"}},
    {{"shoes"}, {"sneakers", "sneaker", "trainer"}, {"boots", "boot", "chelsea boot"}, {"sandals", "sandal", "slide"}},
    {{"home"}, {"kitchen", "mug", "pan", "knife"}, {"bedding", "duvet cover", "pillow"}, {"decor", "vase", "candle", "frame"}},
    {{"outdoor"}, {"camping", "tent", "sleeping bag"}, {"hiking", "backpack", "water bottle"}, {"cycling", "helmet", "jersey"}},
    {{"accessories"}, {"bags", "tote bag", "wallet"}, {"hats", "cap", "beanie"}, {"belts", "belt"}},
    {{"beauty"}, {"skincare", "face cream", "serum"}, {"haircare", "shampoo", "conditioner"}, {"fragrance", "eau de parfum"}},
    {{"kids"}, {"toys", "puzzle", "teddy bear"}, {"baby", "bib", "romper"}, {"school", "pencil case", "school bag"}}};
  private static final String[] MATERIALS = {"cotton", "linen", "wool", "leather", "polyester", "bamboo", "steel", "wood",
    "ceramic", "silk"};
  private static final String[] COLOURS = {"black", "white", "red", "blue", "green", "grey", "beige", "navy"};
  private static final String[] BRANDS = {"Kinetic", "Northwind", "Fjord & Co", "Brightside", "Oakline", "Terra", "Velo", "Lumen"};
  private static final String[] LINES = {"Aurora", "Nordic", "Atlas", "Breeze", "Summit", "Harbor", "Meadow", "Ember", "Coast",
    "Alpine", "Urban", "Willow", "Drift", "Solstice", "Canyon", "Luna"};

  /** The simulated data: the catalogue as the recommender knows it, and the signals in time order. */
  record Data(List<CatalogItem> catalogue, List<Signal> signals, int sessions, int orders) {
  }

  /** A product and its hidden truths. */
  private record Item(CatalogItem item, int leaf, int brand, int colour, int line, double logPrice, double logAppeal) {
  }

  private record Shopper(int[] leaves, int[] brands, int[] colours, int line, double priceCentre, double priceWidth) {
  }

  private ShopperSimulation() {
  }

  static Data run(long seed, int products, int shoppers, int days, int longViewSeconds) {
    var r = new SplittableRandom(seed);
    List<int[]> leaves = new ArrayList<>(); // {top, child index}
    for (int t = 0; t < TREE.length; t++) {
      for (int c = 1; c < TREE[t].length; c++) {
        leaves.add(new int[] {t, c});
      }
    }
    // leaf popularity: a few leaves are much visited (Zipf over a shuffled order)
    double[] leafWeight = new double[leaves.size()];
    int[] rank = shuffled(leaves.size(), r);
    for (int i = 0; i < rank.length; i++) {
      leafWeight[rank[i]] = 1.0 / (i + 1);
    }
    var items = new ArrayList<Item>(products);
    List<List<Item>> byLeaf = new ArrayList<>();
    leaves.forEach(l -> byLeaf.add(new ArrayList<>()));
    for (int n = 0; n < products; n++) {
      Item item = product(n, leaves, r);
      items.add(item);
      if (item.item().published()) {
        byLeaf.get(item.leaf()).add(item);
      }
    }
    var published = items.stream().filter(i -> i.item().published()).toList();

    record Event(long at, String session, UUID product, BehaviourType type, Long dwell) {
    }
    var events = new ArrayList<Event>();
    long period = days * 86_400_000L;
    int sessions = 0;
    int orders = 0;
    for (int s = 0; s < shoppers; s++) {
      Shopper shopper = shopper(r, leafWeight);
      int visits = 1 + poisson(r, 1.5);
      for (int v = 0; v < visits; v++) {
        String session = "sim-" + s + "-" + v;
        sessions++;
        long at = START_MILLIS + r.nextLong(period);
        Set<Item> seen = new HashSet<>();
        List<Item> cart = new ArrayList<>();
        int leaf = r.nextInt(4) < 3 ? shopper.leaves()[r.nextInt(2)] : weighted(leafWeight, r);
        Item current = null;
        for (int step = 0; step < 20; step++) {
          Item next;
          double move = r.nextDouble();
          if (current == null || move < 0.55) {
            next = pick(byLeaf.get(leaf), shopper, seen, null, r);
          } else if (move < 0.75) {
            int top = leaves.get(current.leaf())[0];
            int other = sibling(leaves, top, current.leaf(), r);
            next = pick(byLeaf.get(other), shopper, seen, current, r);
          } else if (move < 0.9) {
            int other = shopper.leaves()[0] == leaf ? shopper.leaves()[1] : shopper.leaves()[0];
            next = pick(byLeaf.get(other), shopper, seen, null, r);
          } else {
            next = bestseller(published, seen, r);
          }
          if (next == null) {
            break;
          }
          leaf = next.leaf();
          current = next;
          seen.add(next);
          double u = utility(next, shopper);
          UUID id = next.item().id();
          events.add(new Event(at, session, id, BehaviourType.PRODUCT_VIEW, null));
          long dwell = (long) (1000 * (3 + r.nextDouble() * 15 * (1 + sigmoid(u - 1) * 3)));
          at += dwell;
          events.add(new Event(at, session, id, BehaviourType.PRODUCT_LEAVE, dwell));
          if (r.nextDouble() < 0.25 * sigmoid(u - 1) && next.item().inStock()) {
            events.add(new Event(at, session, id, BehaviourType.ADD_TO_CART, null));
            cart.add(next);
          }
          at += 2_000 + r.nextInt(20_000);
          if (r.nextDouble() < 0.2) {
            break;
          }
        }
        if (!cart.isEmpty() && r.nextDouble() < 0.6) {
          orders++;
          String order = OfflineEvaluation.ORDER_SESSION + UUID.nameUUIDFromBytes(session.getBytes(StandardCharsets.UTF_8));
          for (Item i : cart) {
            events.add(new Event(at, order, i.item().id(), BehaviourType.PURCHASE, null));
          }
        }
      }
    }
    events.sort(Comparator.comparingLong(Event::at));
    var signals = new ArrayList<Signal>(events.size());
    for (Event e : events) {
      Signal signal = EventIngestion.signal(e.session(), e.type(), e.product(), e.dwell(), e.at(), longViewSeconds);
      if (signal != null) {
        signals.add(signal);
      }
    }
    return new Data(items.stream().map(Item::item).toList(), signals, sessions, orders);
  }

  private static Item product(int n, List<int[]> leaves, SplittableRandom r) {
    int leaf = r.nextInt(leaves.size());
    String[] row = TREE[leaves.get(leaf)[0]][leaves.get(leaf)[1]];
    String noun = row[1 + r.nextInt(row.length - 1)];
    int material = r.nextInt(MATERIALS.length);
    int line = r.nextInt(LINES.length);
    int brand = r.nextInt(BRANDS.length);
    int colour = r.nextInt(COLOURS.length);
    int weight = r.nextInt(50, 2000);
    String name = LINES[line] + " " + MATERIALS[material] + " " + noun;
    String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-" + (n + 1);
    var attributes = new LinkedHashMap<String, Object>();
    attributes.put("material", MATERIALS[material]);
    attributes.put("weight", weight);
    attributes.put("organic", r.nextInt(4) == 0);
    attributes.put("brand", BRANDS[brand]);
    attributes.put("colour", COLOURS[colour]);
    long baseEur = r.nextInt(5, 200) * 100L - 1;
    int count = r.nextInt(1, 5);
    var variants = new ArrayList<Variant>(count);
    var available = new HashMap<UUID, Integer>();
    for (int v = 0; v < count; v++) {
      UUID vid = uuid(r);
      int stock = r.nextInt(10) == 0 ? 0 : r.nextInt(1, 200);
      variants.add(new Variant(vid, "SIM" + n + "-" + v, Map.of(), List.of(Money.of(baseEur + v * 200L, "EUR")), stock, stock));
      available.put(vid, stock);
    }
    boolean published = r.nextInt(10) != 0;
    String category = TREE[leaves.get(leaf)[0]][leaves.get(leaf)[1]][0];
    UUID categoryId = UUID.nameUUIDFromBytes(("kinetic-demo-category:" + category).getBytes(StandardCharsets.UTF_8));
    var item = new CatalogItem(uuid(r), slug, published, "en",
      Map.of("en", new Translation(name, "The " + name + " by " + BRANDS[brand] + ", made of " + MATERIALS[material]
        + " and weighing " + weight + " g.")), List.of(categoryId), attributes, null, variants, available, 1);
    double logAppeal = APPEAL_SIGMA * r.nextGaussian();
    return new Item(item, leaf, brand, colour, line, Math.log(baseEur), logAppeal);
  }

  private static Shopper shopper(SplittableRandom r, double[] leafWeight) {
    int first = weighted(leafWeight, r);
    int second = first;
    while (second == first) {
      second = weighted(leafWeight, r);
    }
    int b1 = r.nextInt(BRANDS.length);
    int b2 = (b1 + 1 + r.nextInt(BRANDS.length - 1)) % BRANDS.length;
    int c1 = r.nextInt(COLOURS.length);
    int c2 = (c1 + 1 + r.nextInt(COLOURS.length - 1)) % COLOURS.length;
    double centre = Math.log(500) + r.nextDouble() * (Math.log(20_000) - Math.log(500));
    return new Shopper(new int[] {first, second}, new int[] {b1, b2}, new int[] {c1, c2}, r.nextInt(LINES.length), centre,
      0.5 + r.nextDouble());
  }

  private static double utility(Item i, Shopper s) {
    return i.logAppeal() + (i.brand() == s.brands()[0] || i.brand() == s.brands()[1] ? 1.2 : 0)
      + (i.colour() == s.colours()[0] || i.colour() == s.colours()[1] ? 0.8 : 0) + (i.line() == s.line() ? 1.0 : 0)
      - Math.abs(i.logPrice() - s.priceCentre()) / s.priceWidth();
  }

  /** Softmax of utility over the leaf's unseen products; {@code after}: prefer its line (a set). */
  private static Item pick(List<Item> candidates, Shopper s, Set<Item> seen, Item after, SplittableRandom r) {
    double[] w = new double[candidates.size()];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < w.length; i++) {
      Item c = candidates.get(i);
      w[i] = seen.contains(c) ? Double.NEGATIVE_INFINITY
        : utility(c, s) + (after != null && c.line() == after.line() ? 1.5 : 0);
      max = Math.max(max, w[i]);
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return null;
    }
    double sum = 0;
    for (int i = 0; i < w.length; i++) {
      w[i] = Math.exp(w[i] - max);
      sum += w[i];
    }
    double x = r.nextDouble() * sum;
    for (int i = 0; i < w.length; i++) {
      x -= w[i];
      if (x <= 0 && w[i] > 0) {
        return candidates.get(i);
      }
    }
    return null;
  }

  /** A shop-wide bestseller: among 50 random products, by appeal. */
  private static Item bestseller(List<Item> published, Set<Item> seen, SplittableRandom r) {
    Item best = null;
    for (int i = 0; i < 50; i++) {
      Item c = published.get(r.nextInt(published.size()));
      if (!seen.contains(c) && (best == null || c.logAppeal() > best.logAppeal())) {
        best = c;
      }
    }
    return best;
  }

  private static int sibling(List<int[]> leaves, int top, int leaf, SplittableRandom r) {
    var siblings = new ArrayList<Integer>();
    for (int i = 0; i < leaves.size(); i++) {
      if (leaves.get(i)[0] == top && i != leaf) {
        siblings.add(i);
      }
    }
    return siblings.get(r.nextInt(siblings.size()));
  }

  private static int weighted(double[] weights, SplittableRandom r) {
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    double x = r.nextDouble() * sum;
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x <= 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  private static int[] shuffled(int n, SplittableRandom r) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  private static int poisson(SplittableRandom r, double mean) {
    double l = Math.exp(-mean);
    double p = 1;
    int k = 0;
    do {
      k++;
      p *= r.nextDouble();
    } while (p > l);
    return k - 1;
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  private static UUID uuid(SplittableRandom r) {
    return new UUID((r.nextLong() & ~0xF000L) | 0x4000L, (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
  }
}
