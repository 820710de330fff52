package io.kinetic.recommendations;

import io.kinetic.kernel.contract.recommendations.Recommend;
import io.kinetic.kernel.contract.recommendations.RecommendationRow;
import io.kinetic.kernel.contract.recommendations.Recommendations;
import io.kinetic.kernel.contract.recommendations.RecommendedProduct;
import io.kinetic.kernel.contract.recommendations.RecommenderSettings;
import io.kinetic.kernel.contract.recommendations.RecommenderSettings.ArmModels;
import io.kinetic.recommendations.model.Scored;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Answers a situation through retrieval → scoring → re-ranking, all in memory. Each row walks a
 * fallback cascade of models and is labelled with the first that had candidates; the others fill
 * it up. Unpublished products and what the shopper has in the cart (or bought in the session) are
 * filtered out, out-of-stock ones go last, and a row is re-ranked for diversity of categories.
 * Rows about a product are cached per product and kind until a model update touches the product
 * (or {@value #CACHE_MILLIS} ms pass, for the popularity fallbacks).
 */
final class Recommender {

  static final long CACHE_MILLIS = 10_000;
  private static final int CACHE_ENTRIES = 20_000;
  /** A row's candidate pool, in multiples of its size, before re-ranking. */
  private static final int POOL = 3;

  private record Ranked(String model, List<UUID> ids, long at) {
  }

  private record Source(String model, Supplier<List<Scored>> candidates) {
  }

  private final Models models;
  private AbTest ab;
  private RecommenderSettings settings;
  private final CatalogProjection catalog;
  private final LatencyRecorder latency;
  private final String defaultLocale;
  private final String defaultCurrency;
  private final LongSupplier clock;
  private final Map<String, Ranked> cache = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Ranked> eldest) {
      return size() > CACHE_ENTRIES;
    }
  };
  private final Map<UUID, Set<String>> cacheKeys = new HashMap<>();

  Recommender(Models models, CatalogProjection catalog, LatencyRecorder latency, AbTest ab, String defaultLocale,
              String defaultCurrency) {
    this(models, catalog, latency, ab, defaultLocale, defaultCurrency, System::currentTimeMillis);
  }

  /** With the time the popularity and trending rankings are read at (the offline evaluation replays the past). */
  Recommender(Models models, CatalogProjection catalog, LatencyRecorder latency, AbTest ab, String defaultLocale,
              String defaultCurrency, LongSupplier clock) {
    this.clock = clock;
    this.models = models;
    this.ab = ab;
    this.settings = ModelChoices.defaults(ab.splitPercent());
    this.catalog = catalog;
    this.latency = latency;
    this.defaultLocale = defaultLocale;
    this.defaultCurrency = defaultCurrency;
  }

  /** Serves with the admin's settings from now on (split, model per situation and arm); forgets the cached rows. */
  void apply(RecommenderSettings changed) {
    this.settings = changed;
    this.ab = new AbTest(changed.abSplitPercent());
    invalidateAll();
  }

  RecommenderSettings settings() {
    return settings;
  }

  Recommendations recommend(Recommend q) {
    return recommend(q, Set.of());
  }

  /** As {@link #recommend(Recommend)}, leaving out {@code purchased}: what the signed-in customer bought before. */
  Recommendations recommend(Recommend q, Set<UUID> purchased) {
    long started = System.nanoTime();
    String locale = q.locale() == null ? defaultLocale : q.locale();
    String currency = q.currency() == null ? defaultCurrency : q.currency();
    Set<UUID> cart = q.cartProductIds() == null ? Set.of() : new HashSet<>(q.cartProductIds());
    var history = models.sessions.recent(q.sessionId());
    String arm = ab.arm(q.sessionId());
    ArmModels first = AbTest.B.equals(arm) ? settings.arms().b() : settings.arms().a();
    Set<UUID> bought = new HashSet<>(cart);
    bought.addAll(purchased);
    history.forEach(e -> {
      if (e.getValue() >= io.kinetic.recommendations.model.Signal.ADD_TO_CART) {
        bought.add(e.getKey());
      }
    });
    List<RecommendationRow> rows = switch (q.situation()) {
      case HOME -> {
        Set<UUID> seen = new HashSet<>(bought);
        history.forEach(e -> seen.add(e.getKey()));
        yield List.of(row("for-you", personal(history, first.home()), seen, id -> true, q.limit(), locale, currency));
      }
      case PRODUCT -> {
        Set<UUID> excluded = new HashSet<>(bought);
        excluded.add(q.productId());
        Map<UUID, Double> seed = Map.of(q.productId(), 1.0);
        // "bought together" is only what orders and sessions say: no fallback fills it (an empty row is "none")
        yield List.of(
          cached("similar", first.product(), q.productId(), List.of(source(first.product(), seed)), true, excluded, q.limit(),
            locale, currency),
          cached("bought-together", ModelChoices.CO_OCCURRENCE, q.productId(), List.of(coOccurrence(seed)), false, excluded,
            q.limit(), locale, currency));
      }
      case CATEGORY -> {
        Set<UUID> members = new HashSet<>(catalog.inCategory(q.categoryId()));
        var sources = new ArrayList<>(personal(history, first.category()));
        sources.add(new Source("catalogue", () -> unscored(catalog.inCategory(q.categoryId()))));
        // no shop-wide fallbacks: the category's own products (the last source) are every eligible one, and walking
        // trending, popularity and the whole catalogue for a category with few (or no direct) products cost the most
        yield List.of(row("category", sources, false, bought, members::contains, q.limit(), locale, currency));
      }
      case CART -> {
        Map<UUID, Double> seeds = new HashMap<>();
        cart.forEach(id -> seeds.put(id, 1.0));
        var sources = cascade(seeds, first.cart());
        yield List.of(row("complements", sources, bought, id -> true, q.limit(), locale, currency));
      }
    };
    var served = new HashSet<String>();
    rows.forEach(r -> {
      if (!r.items().isEmpty()) {
        served.add(r.model());
      }
    });
    latency.record(System.nanoTime() - started, arm, served);
    return new Recommendations(q.situation(), arm, rows);
  }

  /** Forgets the cached rows that involve any of the products (a model learned about them). */
  void invalidate(Set<UUID> products) {
    for (UUID p : products) {
      Set<String> keys = cacheKeys.remove(p);
      if (keys != null) {
        keys.forEach(cache::remove);
      }
    }
  }

  /** Forgets every cached row (the catalog changed what may be shown). */
  void invalidateAll() {
    cache.clear();
    cacheKeys.clear();
  }

  /** Around the session's recent products, the strongest and newest weighing most, {@code first} asked first. */
  private List<Source> personal(List<Map.Entry<UUID, Integer>> history, String first) {
    Map<UUID, Double> seeds = seeds(history);
    if (seeds.isEmpty()) {
      return List.of();
    }
    return cascade(seeds, first);
  }

  /** {@code first}, then the other personal models in their default order (the fallbacks follow in {@link #rank}). */
  private List<Source> cascade(Map<UUID, Double> seeds, String first) {
    var out = new ArrayList<Source>();
    out.add(source(first, seeds));
    for (String model : ModelChoices.PERSONAL) {
      if (!model.equals(first)) {
        out.add(source(model, seeds));
      }
    }
    return out;
  }

  private Source source(String model, Map<UUID, Double> seeds) {
    return switch (model) {
      case ModelChoices.CO_OCCURRENCE -> coOccurrence(seeds);
      case ModelChoices.CONTENT -> content(seeds);
      case ModelChoices.EASE -> new Source(ModelChoices.EASE, () -> Candidates.around(seeds, models.ease));
      case ModelChoices.TRENDING -> new Source(ModelChoices.TRENDING, () -> models.trending.ranking(clock.getAsLong()));
      case ModelChoices.POPULARITY -> new Source(ModelChoices.POPULARITY, () -> models.popularity.ranking(clock.getAsLong()));
      default -> throw new IllegalArgumentException("unknown model " + model);
    };
  }

  /** The personal rows' seeds: each recent product weighted by its strongest signal and its recency (newest first in). */
  static Map<UUID, Double> seeds(List<Map.Entry<UUID, Integer>> history) {
    Map<UUID, Double> seeds = new HashMap<>();
    double recency = 1;
    for (var e : history) {
      seeds.merge(e.getKey(), e.getValue() * recency, Double::sum);
      recency *= 0.85;
    }
    return seeds;
  }

  private Source coOccurrence(Map<UUID, Double> seeds) {
    return new Source("co-occurrence", () -> Candidates.around(seeds, models.coOccurrence::of));
  }

  private Source content(Map<UUID, Double> seeds) {
    return new Source("content", () -> Candidates.around(seeds, models.similar));
  }

  private RecommendationRow cached(String kind, String firstModel, UUID product, List<Source> sources, boolean fallbacks,
                                   Set<UUID> excluded, int limit, String locale, String currency) {
    String key = kind + ":" + firstModel + ":" + product;
    Ranked ranked = cache.get(key);
    long now = clock.getAsLong();
    if (ranked == null || now - ranked.at() > CACHE_MILLIS) {
      // cached for the product alone: the shopper's own exclusions apply when it is read
      ranked = rank(sources, fallbacks, Set.of(product), id -> true, 24 + 8);
      cache.put(key, ranked);
      cacheKeys.computeIfAbsent(product, p -> new HashSet<>()).add(key);
      for (UUID id : ranked.ids()) {
        cacheKeys.computeIfAbsent(id, p -> new HashSet<>()).add(key);
      }
    }
    return cards(kind, ranked, excluded, limit, locale, currency);
  }

  private RecommendationRow row(String kind, List<Source> sources, Set<UUID> excluded, Predicate<UUID> eligible, int limit,
                                String locale, String currency) {
    return row(kind, sources, true, excluded, eligible, limit, locale, currency);
  }

  private RecommendationRow row(String kind, List<Source> sources, boolean fallbacks, Set<UUID> excluded, Predicate<UUID> eligible,
                                int limit, String locale, String currency) {
    return cards(kind, rank(sources, fallbacks, excluded, eligible, limit * POOL), Set.of(), limit, locale, currency);
  }

  private RecommendationRow cards(String kind, Ranked ranked, Set<UUID> excluded, int limit, String locale, String currency) {
    var items = new ArrayList<RecommendedProduct>(limit);
    for (UUID id : ranked.ids()) {
      if (!excluded.contains(id)) {
        RecommendedProduct card = catalog.card(id, locale, currency);
        if (card == null) {
          continue;
        }
        items.add(card);
        if (items.size() == limit) {
          break;
        }
      }
    }
    return new RecommendationRow(kind, items.isEmpty() ? "none" : ranked.model(), items);
  }

  /**
   * The cascade: the sources in order, then (with {@code fallbacks}) trending, popularity and (cold
   * start) the catalogue, until {@code size} eligible candidates are found; then re-ranked.
   */
  private Ranked rank(List<Source> sources, boolean fallbacks, Set<UUID> excluded, Predicate<UUID> eligible, int size) {
    long now = clock.getAsLong();
    var cascade = new ArrayList<>(sources);
    if (fallbacks) {
      cascade.add(new Source("trending", () -> models.trending.ranking(now)));
      cascade.add(new Source("popularity", () -> models.popularity.ranking(now)));
      cascade.add(new Source("catalogue", () -> unscored(catalog.coldStart())));
    }
    var picked = new LinkedHashMap<UUID, Double>();
    String model = null;
    for (Source source : cascade) {
      if (picked.size() >= size) {
        break;
      }
      // a later source ranks below every candidate of an earlier one
      double floor = picked.size();
      int rank = 0;
      for (Scored s : source.candidates().get()) {
        UUID id = s.productId();
        if (!picked.containsKey(id) && !excluded.contains(id) && catalog.recommendable(id) && eligible.test(id)) {
          picked.put(id, -floor - rank++);
          if (model == null) {
            model = source.model();
          }
          if (picked.size() >= size) {
            break;
          }
        }
      }
    }
    return new Ranked(model == null ? "none" : model, rerank(new ArrayList<>(picked.keySet())), now);
  }

  /**
   * Diversity (each product's rank is pushed down by the products of its first category already
   * placed before it) and availability (out-of-stock products after every available one).
   */
  private List<UUID> rerank(List<UUID> ordered) {
    var perCategory = new HashMap<UUID, Integer>();
    var scored = new ArrayList<Scored>(ordered.size());
    for (int i = 0; i < ordered.size(); i++) {
      CatalogItem item = catalog.get(ordered.get(i));
      UUID category = item.categoryIds().isEmpty() ? null : item.categoryIds().get(0);
      int same = category == null ? 0 : perCategory.merge(category, 1, Integer::sum) - 1;
      double score = -i - 2.0 * same - (item.inStock() ? 0 : 1_000_000);
      scored.add(new Scored(item.id(), score));
    }
    scored.sort(Comparator.comparingDouble(Scored::score).reversed());
    return scored.stream().map(Scored::productId).toList();
  }

  /** A list of products as candidates without scores, read lazily (a cascade usually stops early). */
  private static List<Scored> unscored(List<UUID> ids) {
    return new java.util.AbstractList<>() {
      @Override
      public Scored get(int index) {
        return new Scored(ids.get(index), 0);
      }

      @Override
      public int size() {
        return ids.size();
      }
    };
  }
}
