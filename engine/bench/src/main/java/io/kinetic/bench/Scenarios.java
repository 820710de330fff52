package io.kinetic.bench;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The requests of each scenario, drawn from a {@link CatalogSample} with a seeded random source
 * (the same database and seed give the same url files). List scenarios return first pages; the
 * cursor pages after them come from the running engine ({@link CursorWalker}).
 */
final class Scenarios {

  static final List<String> SORTS = List.of("newest", "price_asc", "price_desc", "name");
  /** The product with what a product page shows: categories (by name) and attributes included. */
  static final String GRAPHQL_QUERY = "query($s:String!){productBySlug(slug:$s){id slug name description attributes"
      + " categoryIds categories{id slug name} media{url alt}"
      + " variants{id sku options{key value} prices{amount currency} available}}}";
  /** Shares of the reads of the mixed scenario, by scenario; the rest of its requests are writes. */
  static final Map<String, Integer> MIXED_READS = Map.of(
      "product_by_id", 40, "product_by_slug", 15, "filtered_list", 25, "faceted_list", 10, "product_list", 10);
  static final double MIXED_WRITE_SHARE = 0.05;

  private final CatalogSample sample;
  private final Random random;

  Scenarios(CatalogSample sample, long seed) {
    this.sample = sample;
    this.random = new Random(seed);
  }

  List<RequestLine> baseline() {
    return sample.products().stream().map(p -> RequestLine.get("/baseline/products/" + p.id())).toList();
  }

  List<RequestLine> productById() {
    return sample.products().stream().map(p -> RequestLine.get("/api/v1/products/" + p.id())).toList();
  }

  List<RequestLine> productBySlug() {
    return sample.products().stream().map(p -> RequestLine.get("/api/v1/products/by-slug/" + encode(p.slug()))).toList();
  }

  List<RequestLine> productBySlugGraphql() {
    return sample.products().stream()
        .map(p -> new RequestLine(HttpMethod.POST, "/graphql", graphqlBody(p.slug()), false)).toList();
  }

  /** Range lengths of the dashboard scenario (days), as staff pick them: a week, a month, a quarter, a year, or any. */
  static final int[] DASHBOARD_DAYS = {7, 30, 90, 365, 0};

  /**
   * The admin dashboard over {@code size} random ranges ending within the last year of {@code today}
   * (a week, a month, a quarter, a year or any length up to a year), per day or, from 60 days on,
   * per week; sent with the staff token.
   */
  List<RequestLine> dashboard(java.time.LocalDate today, int size) {
    List<RequestLine> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      int pick = DASHBOARD_DAYS[random.nextInt(DASHBOARD_DAYS.length)];
      int days = pick == 0 ? 1 + random.nextInt(365) : pick;
      java.time.LocalDate to = today.minusDays(random.nextInt(Math.max(1, 366 - days)));
      java.time.LocalDate from = to.minusDays(days - 1L);
      String granularity = days >= 60 && random.nextBoolean() ? "week" : "day";
      out.add(RequestLine.staffGet("/api/v1/admin/analytics/dashboard?from=" + from + "&to=" + to + "&granularity=" + granularity));
    }
    return out;
  }

  static String graphqlBody(String slug) {
    return new JsonObject().put("query", GRAPHQL_QUERY).put("variables", new JsonObject().put("s", slug)).encode();
  }

  /** The whole catalogue in every sort, currency and locale (pages follow by cursor). */
  List<String> productListFirstPages() {
    List<String> out = new ArrayList<>();
    for (String sort : SORTS) {
      for (String currency : List.of("EUR", "USD")) {
        for (String locale : List.of("en", "de")) {
          out.add("/api/v1/products?limit=20&sort=" + sort + "&currency=" + currency + "&locale=" + locale);
        }
      }
    }
    return out;
  }

  /** Every category (subcategories included) in every sort: the "filtered list of 20". */
  List<String> filteredListFirstPages() {
    List<String> out = new ArrayList<>();
    for (String category : sample.categories()) {
      for (String sort : SORTS) {
        out.add("/api/v1/products?category=" + category + "&sort=" + sort + "&limit=20");
      }
    }
    return out;
  }

  /**
   * {@code count} distinct shopper-like searches: a category (or none), one or two attribute
   * filters, a price range half of the time, and a sort.
   */
  List<String> facetedFirstPages(int count) {
    List<String> codes = List.copyOf(sample.attributeValues().keySet());
    Set<String> out = new LinkedHashSet<>();
    for (int tries = 0; out.size() < count && tries < count * 20; tries++) {
      var url = new StringBuilder("/api/v1/products?limit=20&sort=").append(pick(SORTS));
      if (!sample.categories().isEmpty() && random.nextInt(10) < 7) {
        url.append("&category=").append(pick(sample.categories()));
      }
      Set<String> chosen = new LinkedHashSet<>();
      int filters = codes.isEmpty() ? 0 : 1 + random.nextInt(Math.min(2, codes.size()));
      while (chosen.size() < filters) {
        chosen.add(pick(codes));
      }
      for (String code : chosen) {
        url.append("&attr.").append(code).append('=').append(encode(pick(sample.attributeValues().get(code))));
      }
      if (random.nextBoolean() && sample.maxPrice() > sample.minPrice()) {
        long span = sample.maxPrice() - sample.minPrice();
        long min = sample.minPrice() + (long) (random.nextDouble() * span * 0.6) / 100 * 100;
        long max = min + Math.max(100, (long) ((0.1 + random.nextDouble() * 0.3) * span) / 100 * 100);
        url.append("&minPrice=").append(min).append("&maxPrice=").append(max).append("&currency=EUR");
      }
      out.add(url.toString());
    }
    return List.copyOf(out);
  }

  /**
   * {@code size} requests: reads drawn from the given scenarios by {@link #MIXED_READS}, and
   * {@link #MIXED_WRITE_SHARE} of admin writes, half EUR prices and half stock levels of sampled
   * SKUs, each invalidating what the catalog cached about its product.
   */
  List<RequestLine> mixed(Map<String, List<RequestLine>> reads, int size) {
    List<RequestLine> out = new ArrayList<>(size);
    int writes = (int) Math.round(size * MIXED_WRITE_SHARE);
    for (int i = 0; i < writes; i++) {
      out.add(i % 2 == 0 ? priceWrite() : stockWrite());
    }
    List<String> weighted = new ArrayList<>();
    MIXED_READS.forEach((scenario, share) -> {
      if (reads.containsKey(scenario) && !reads.get(scenario).isEmpty()) {
        for (int i = 0; i < share; i++) {
          weighted.add(scenario);
        }
      }
    });
    weighted.sort(null);
    while (out.size() < size && !weighted.isEmpty()) {
      out.add(pick(reads.get(pick(weighted))));
    }
    return out;
  }

  /** Search orders, relevance the most common. */
  static final List<String> SEARCH_SORTS = List.of("relevance", "relevance", "relevance", "price_asc", "price_desc", "newest");

  /** The words of a product's name, read from its slug (the demo's slugs are its English name and a number). */
  static List<String> nameWords(String slug) {
    return java.util.Arrays.stream(slug.split("-")).filter(w -> w.length() >= 2 && !w.chars().allMatch(Character::isDigit)).toList();
  }

  /**
   * {@code count} distinct searches over the sampled products' names: four in ten plain words, two
   * with a typo (two letters swapped or one dropped), two a prefix as typed, two words with facet
   * filters (category, brand, colour, price range, availability); a tenth in German; most on
   * the first page, by relevance.
   */
  List<RequestLine> search(int count) {
    Set<String> out = new LinkedHashSet<>();
    for (int tries = 0; out.size() < count && tries < count * 20; tries++) {
      List<String> words = nameWords(pick(sample.products()).slug());
      if (words.isEmpty()) {
        continue;
      }
      int kind = random.nextInt(10);
      String word = pick(words);
      String q;
      if (kind < 4) {
        int from = random.nextInt(words.size());
        q = String.join(" ", words.subList(from, Math.min(words.size(), from + 1 + random.nextInt(2))));
      } else if (kind < 6) {
        q = typo(word);
      } else if (kind < 8) {
        q = word.substring(0, Math.min(word.length(), 3 + random.nextInt(3)));
      } else {
        q = word;
      }
      var url = new StringBuilder("/api/v1/search?q=").append(encode(q)).append("&sort=").append(pick(SEARCH_SORTS))
          .append("&locale=").append(random.nextInt(10) == 0 ? "de" : "en");
      if (kind >= 8) {
        facets(url);
      }
      if (random.nextInt(10) == 0) {
        url.append("&page=2");
      }
      out.add(url.toString());
    }
    return out.stream().map(RequestLine::get).toList();
  }

  /** {@code count} distinct autocomplete requests: 2 to 6 letters of a name's word, sometimes after a whole word. */
  List<RequestLine> autocomplete(int count) {
    Set<String> out = new LinkedHashSet<>();
    for (int tries = 0; out.size() < count && tries < count * 20; tries++) {
      List<String> words = nameWords(pick(sample.products()).slug());
      if (words.isEmpty()) {
        continue;
      }
      int at = random.nextInt(words.size());
      String word = words.get(at);
      String prefix = word.substring(0, Math.min(word.length(), 2 + random.nextInt(5)));
      String typed = at > 0 && random.nextInt(4) == 0 ? words.get(at - 1) + " " + prefix : prefix;
      out.add("/api/v1/search/suggest?q=" + encode(typed) + "&locale=" + (random.nextInt(10) == 0 ? "de" : "en") + "&limit=8");
    }
    return out.stream().map(RequestLine::get).toList();
  }

  private void facets(StringBuilder url) {
    if (!sample.categories().isEmpty() && random.nextInt(10) < 5) {
      url.append("&filter.category=").append(pick(sample.categories()));
    }
    List<String> brands = sample.attributeValues().get("brand");
    if (brands != null && random.nextBoolean()) {
      url.append("&filter.brand=").append(encode(pick(brands)));
    }
    List<String> colours = sample.attributeValues().get("colour");
    if (colours != null && random.nextInt(3) == 0) {
      url.append("&filter.attr.colour=").append(encode(pick(colours)));
    }
    if (random.nextInt(3) == 0) {
      url.append("&filter.price=").append(pick(List.of("0-2000", "2000-5000", "5000-10000", "10000-20000", "20000-")));
    }
    if (random.nextInt(5) == 0) {
      url.append("&filter.availability=in-stock");
    }
  }

  /** The word with two neighbouring letters swapped, or one dropped (words of five letters or more). */
  private String typo(String word) {
    if (word.length() < 5) {
      return word;
    }
    int at = 1 + random.nextInt(word.length() - 2);
    if (random.nextBoolean()) {
      return word.substring(0, at) + word.charAt(at + 1) + word.charAt(at) + word.substring(at + 2);
    }
    return word.substring(0, at) + word.substring(at + 1);
  }

  /** Storefront sessions of the recommendations scenario (each with a history posted before it runs). */
  static final int RECOMMENDATION_SESSIONS = 5_000;
  /** Storefront sessions sending the events scenario's batches (spread so that none nears its per-session rate limit). */
  static final int EVENT_SESSIONS = 20_000;
  /** Events per batch of the events scenario (the storefront sends up to 50, every few seconds). */
  static final int EVENTS_PER_BATCH = 10;
  /** Situations of the recommendations scenario, as shoppers meet them: product pages most. */
  static final Map<String, Integer> RECOMMENDATION_SITUATIONS = Map.of("home", 25, "product", 40, "category", 15, "cart", 20);
  /** The storefront's row size. */
  static final int RECOMMENDATION_LIMIT = 6;

  static String recommendationSession(int n) {
    return String.format(java.util.Locale.ROOT, "bench-reco-%05d", n);
  }

  /**
   * One behaviour batch per recommendations session (what its shopper did before): 4 to 12 product
   * views over the whole catalogue, some left after a long look, one or two added to the cart. The
   * models learn co-occurrence, trending and the sessions' histories from them.
   */
  List<RequestLine> recommendationHistories(List<String> products, int sessions) {
    List<RequestLine> out = new ArrayList<>(sessions);
    for (int n = 0; n < sessions; n++) {
      var events = new io.vertx.core.json.JsonArray();
      int views = 4 + random.nextInt(9);
      // a shopper browses a neighbourhood of the catalogue (products near each other in id order) and jumps now and then
      int at = random.nextInt(products.size());
      for (int v = 0; v < views; v++) {
        String product = products.get(at);
        events.add(event("product-view", product));
        if (random.nextInt(3) == 0) {
          events.add(event("product-leave", product).put("dwellMillis", 20_000 + random.nextInt(60_000)));
        }
        if (v < 2 && random.nextInt(4) == 0) {
          events.add(event("add-to-cart", product));
        }
        at = random.nextInt(5) == 0 ? random.nextInt(products.size()) : Math.floorMod(at + random.nextInt(41) - 20, products.size());
      }
      out.add(new RequestLine(HttpMethod.POST, "/api/v1/events",
          new JsonObject().put("sessionId", recommendationSession(n)).put("events", events).encode(), false));
    }
    return out;
  }

  /**
   * {@code count} distinct-ish recommendation requests over the whole catalogue: home (a session's
   * "for you"), product pages (similar and bought together) of any product, category pages of any
   * category, carts of 1 to 4 products; nine in ten from one of the sessions with a history, the
   * others without a session (cold).
   */
  List<RequestLine> recommendations(List<String> products, List<String> categories, int sessions, int count) {
    List<String> weighted = new ArrayList<>();
    RECOMMENDATION_SITUATIONS.forEach((situation, share) -> {
      for (int i = 0; i < share; i++) {
        weighted.add(situation);
      }
    });
    weighted.sort(null);
    List<RequestLine> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String situation = pick(weighted);
      if (situation.equals("category") && categories.isEmpty()) {
        situation = "home";
      }
      var url = new StringBuilder("/api/v1/recommendations?situation=").append(situation);
      switch (situation) {
        case "product" -> url.append("&productId=").append(pick(products));
        case "category" -> url.append("&categoryId=").append(pick(categories));
        case "cart" -> {
          Set<String> cart = new LinkedHashSet<>();
          int lines = 1 + random.nextInt(4);
          while (cart.size() < Math.min(lines, products.size())) {
            cart.add(pick(products));
          }
          url.append("&cart=").append(String.join(",", cart));
        }
        default -> { }
      }
      if (random.nextInt(10) != 0) {
        url.append("&session=").append(recommendationSession(random.nextInt(sessions)));
      }
      url.append("&limit=").append(RECOMMENDATION_LIMIT);
      out.add(RequestLine.get(url.toString()));
    }
    return out;
  }

  /**
   * {@code count} batches of {@value #EVENTS_PER_BATCH} storefront events from {@code sessions}
   * sessions over the whole catalogue: views (half), leaves with their dwell time, adds to cart,
   * recommendations shown and clicked. Each event's id is {@link RequestLine#FRESH_ID}, replaced by
   * a new random UUID at every send: every batch is new to the engine (stored and learned, not
   * skipped as a retry).
   */
  List<RequestLine> events(List<String> products, int sessions, int count) {
    List<RequestLine> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      var events = new io.vertx.core.json.JsonArray();
      for (int e = 0; e < EVENTS_PER_BATCH; e++) {
        String product = pick(products);
        int kind = random.nextInt(20);
        if (kind < 10) {
          events.add(event("product-view", product));
        } else if (kind < 15) {
          events.add(event("product-leave", product).put("dwellMillis", 1_000 + random.nextInt(90_000)));
        } else if (kind < 17) {
          events.add(event("add-to-cart", product));
        } else {
          events.add(event(kind < 19 ? "recommendation-shown" : "recommendation-clicked", product)
              .put("model", pick(List.of("co-occurrence", "content", "trending", "popularity")))
              .put("position", random.nextInt(RECOMMENDATION_LIMIT)).put("arm", "a"));
        }
      }
      String session = String.format(java.util.Locale.ROOT, "bench-events-%05d", random.nextInt(sessions));
      out.add(new RequestLine(HttpMethod.POST, "/api/v1/events",
          new JsonObject().put("sessionId", session).put("events", events).encode(), false));
    }
    return out;
  }

  private static JsonObject event(String type, String product) {
    return new JsonObject().put("id", RequestLine.FRESH_ID).put("type", type).put("productId", product);
  }

  private RequestLine priceWrite() {
    long amount = (5 + random.nextInt(195)) * 100L - 1;
    return new RequestLine(HttpMethod.PUT, "/api/v1/admin/variants/" + encode(sku()) + "/prices/EUR",
        new JsonObject().put("amount", amount).encode(), true);
  }

  private RequestLine stockWrite() {
    return new RequestLine(HttpMethod.PUT, "/api/v1/admin/variants/" + encode(sku()) + "/stock",
        new JsonObject().put("onHand", 1 + random.nextInt(200)).encode(), true);
  }

  private String sku() {
    return pick(pick(sample.products()).skus());
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
