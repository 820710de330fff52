package io.kinetic.search;

import io.kinetic.kernel.contract.catalog.Media;
import io.kinetic.kernel.contract.catalog.ProductCard;
import io.kinetic.kernel.contract.search.SearchQuery;
import io.kinetic.kernel.contract.search.SearchResult;
import io.kinetic.kernel.contract.search.Suggest;
import io.kinetic.kernel.contract.search.Suggestion;
import io.kinetic.kernel.contract.search.Suggestions;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.id.Ids;
import io.kinetic.kernel.money.Money;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Searches and autocomplete answered by OpenSearch, with the PostgreSQL backend's contract and
 * behaviour: the request is checked into the same {@link SearchPlan} ({@link SearchFacets}), the
 * facets are labelled the same way, the first page of a query is logged the same way. One request
 * per search: the page, the total, every facet's counts and a spelling suggestion per unknown word
 * (the term suggester over the words of names, brands and categories). When a plain query finds
 * nothing as typed, it is searched again loosened (fuzzy names) for the corrected words, or as typed
 * when nothing could be corrected, and {@code correctedQuery} names the correction; with one or two
 * results a correction is offered as {@code didYouMean}. Answers are cached like the PostgreSQL
 * backend's ({@link ResultCache}), invalidated when this node wrote a batch to the index.
 */
final class OpenSearchSearches {

  private static final Logger LOG = Logger.getLogger(OpenSearchSearches.class.getName());

  private final OpenSearchHttp http;
  private final String alias;
  private final Taxonomy taxonomy;
  private final Synonyms synonyms;
  private final QueryLog queryLog;
  private final String defaultCurrency;
  /** A card says "low" at this many units or fewer ({@code catalog.lowStockThreshold}). */
  private final int lowStock;
  private final ResultCache<SearchQuery, Answer> searches;
  private final ResultCache<Suggest, Suggestions> suggestions;

  OpenSearchSearches(OpenSearchHttp http, String alias, Taxonomy taxonomy, Synonyms synonyms, QueryLog queryLog,
                     String defaultCurrency, ResultCache.Generation generation, int lowStock) {
    this.lowStock = lowStock;
    this.http = http;
    this.alias = alias;
    this.taxonomy = taxonomy;
    this.synonyms = synonyms;
    this.queryLog = queryLog;
    this.defaultCurrency = defaultCurrency;
    this.searches = new ResultCache<>(generation);
    this.suggestions = new ResultCache<>(generation);
  }

  Future<SearchResult> search(SearchQuery q) {
    Answer cached = searches.get(q);
    if (cached != null) {
      return Future.succeededFuture(reply(cached));
    }
    SearchPlan plan;
    try {
      plan = SearchFacets.plan(q, taxonomy, synonyms, defaultCurrency);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    long generation = searches.generation();
    return answer(plan).map(answer -> {
      searches.put(q, answer, generation);
      return reply(answer);
    });
  }

  private Future<Answer> answer(SearchPlan plan) {
    List<String> facetAttributes = List.copyOf(taxonomy.facetAttributes().keySet());
    return run(OpenSearchQueries.search(plan, facetAttributes, false, true), plan).compose(first -> {
      if (plan.browse() || plan.operators() || first.total() > SearchService.FEW_RESULTS) {
        return Future.succeededFuture(new Answer(plan, first, null, null));
      }
      String corrected = first.corrected();
      if (first.total() > 0) {
        return Future.succeededFuture(new Answer(plan, first, null, corrected));
      }
      SearchPlan retry = corrected == null ? plan : plan.withText(corrected, synonyms.variants(corrected, plan.locale()));
      return run(OpenSearchQueries.search(retry, facetAttributes, true, false), retry).map(second -> second.total() == 0
        ? new Answer(plan, first, null, null)
        : new Answer(plan, second, corrected, corrected));
    });
  }

  private Future<Run> run(JsonObject body, SearchPlan plan) {
    return http.post("/" + alias + "/_search", body).map(answer -> read(answer, plan))
      .recover(t -> {
        if (t instanceof OpenSearchHttp.Failed failed && failed.status == 400) {
          // a query OpenSearch refuses (e.g. too many clauses): nothing found, never an error for the shopper
          LOG.warning("OpenSearch refused a search: " + t.getMessage());
          return Future.succeededFuture(new Run(plan, List.of(), 0, Map.of(), null));
        }
        if (t instanceof OpenSearchHttp.Failed) {
          String text = body.encode();
          LOG.warning("OpenSearch failed a search: " + t.getMessage() + " for " + (text.length() > 4000 ? text.substring(0, 4000) : text));
        }
        return Future.failedFuture(t);
      });
  }

  private Run read(JsonObject answer, SearchPlan plan) {
    JsonObject hits = answer.getJsonObject("hits", new JsonObject());
    long total = hits.getJsonObject("total", new JsonObject()).getLong("value", 0L);
    var items = new ArrayList<ProductCard>();
    for (Object o : hits.getJsonArray("hits", new JsonArray())) {
      JsonObject hit = (JsonObject) o;
      items.add(card(UUID.fromString(hit.getString("_id")), hit.getJsonObject("_source", new JsonObject()), plan));
    }
    var counts = new LinkedHashMap<String, Map<String, Long>>();
    JsonObject aggs = answer.getJsonObject("aggregations", new JsonObject());
    for (String name : aggs.fieldNames()) {
      JsonObject agg = aggs.getJsonObject(name);
      if (name.equals("availability")) {
        counts.put("availability", Map.of(SearchFacets.IN_STOCK, agg.getLong("doc_count", 0L)));
        continue;
      }
      String facet = name.startsWith("attr") ? "attr" : name;
      Object buckets = agg.getJsonObject("values", new JsonObject()).getValue("buckets");
      Map<String, Long> values = counts.computeIfAbsent(facet, k -> new LinkedHashMap<>());
      if (buckets instanceof JsonArray list) {
        for (Object b : list) {
          JsonObject bucket = (JsonObject) b;
          String key = String.valueOf(bucket.getValue("key"));
          if (facet.equals("attr") && !counted(name, key, plan)) {
            continue;
          }
          values.put(key, bucket.getLong("doc_count", 0L));
        }
      } else if (buckets instanceof JsonObject keyed) {
        for (String key : keyed.fieldNames()) {
          long n = keyed.getJsonObject(key).getLong("doc_count", 0L);
          if (n > 0) {
            values.put(key, n);
          }
        }
      }
    }
    return new Run(plan, items, total, counts, corrected(answer.getJsonObject("suggest")));
  }

  /** Whether aggregation {@code name} counts attribute value {@code key}: "attr:X" the values of X, "attr" those of unchosen attributes. */
  private static boolean counted(String name, String key, SearchPlan plan) {
    int eq = key.indexOf('=');
    String code = eq < 0 ? key : key.substring(0, eq);
    return name.startsWith("attr:") ? name.substring("attr:".length()).equals(code) : !plan.attributes().containsKey(code);
  }

  /** The words with each unknown one replaced by the nearest known one ({@link Corrections#closest}), or null. */
  private static String corrected(JsonObject suggest) {
    if (suggest == null || suggest.getJsonArray("spell") == null) {
      return null;
    }
    var words = new ArrayList<String>();
    boolean changed = false;
    for (Object o : suggest.getJsonArray("spell")) {
      JsonObject entry = (JsonObject) o;
      String word = entry.getString("text");
      JsonArray options = entry.getJsonArray("options", new JsonArray());
      String[] candidates = new String[options.size()];
      Integer[] frequencies = new Integer[options.size()];
      for (int i = 0; i < options.size(); i++) {
        candidates[i] = options.getJsonObject(i).getString("text");
        frequencies[i] = options.getJsonObject(i).getInteger("freq", 0);
      }
      String correction = candidates.length == 0 ? null : Corrections.closest(word, candidates, frequencies);
      changed |= correction != null && !correction.equals(word);
      words.add(correction == null ? word : correction);
    }
    return changed ? String.join(" ", words) : null;
  }

  /** The card's availability level from the document's units (as the PostgreSQL backend's cards). */
  private String level(JsonObject source) {
    if (!Boolean.TRUE.equals(source.getBoolean("in_stock"))) {
      return ProductCard.SOLD_OUT;
    }
    Long units = source.getLong("units");
    return units != null && units > 0 ? ProductCard.level(units, lowStock) : ProductCard.IN_STOCK;
  }

  private ProductCard card(UUID id, JsonObject source, SearchPlan plan) {
    JsonObject names = source.getJsonObject("names", new JsonObject());
    String name = names.getString(plan.requestedLocale(), names.getString(source.getString("default_locale")));
    JsonObject image = source.getJsonObject("image");
    JsonObject price = source.getJsonObject("prices", new JsonObject()).getJsonObject(plan.currency());
    return new ProductCard(id, source.getString("slug"), name,
      image == null ? null : new Media(image.getString("url"), image.getString("alt")),
      price == null ? null : Money.of(price.getLong("min"), plan.currency()),
      price == null ? null : Money.of(price.getLong("max"), plan.currency()),
      Boolean.TRUE.equals(source.getBoolean("in_stock")), level(source), null);
  }

  /** As {@link SearchService}: the answer with an id of its own; the first page of a query is logged. */
  private SearchResult reply(Answer answer) {
    SearchPlan asked = answer.asked();
    Run run = answer.run();
    UUID searchId = Ids.newId();
    if (!asked.browse() && asked.page() == 1) {
      queryLog.record(searchId, asked.text(), asked.locale(), run.total());
    }
    int pages = (int) Math.min(SearchQuery.MAX_PAGE, (run.total() + asked.pageSize() - 1) / asked.pageSize());
    return new SearchResult(asked.text(), answer.correctedQuery(), answer.didYouMean(), run.items(), run.total(),
      asked.page(), asked.pageSize(), pages,
      SearchFacets.facets(run.plan(), run.counts(), taxonomy, OpenSearchQueries.unit(run.plan().currency())), searchId);
  }

  Future<Suggestions> suggest(Suggest q) {
    Suggestions cached = suggestions.get(q);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    String prefix = QueryText.normalise(q.prefix());
    if (prefix.length() > Suggester.MAX_PREFIX) {
      return Future.failedFuture(Failure.invalid("q", "at most " + Suggester.MAX_PREFIX + " characters"));
    }
    if (q.limit() < 0 || q.limit() > 20) {
      return Future.failedFuture(Failure.invalid("limit", "1 to 20"));
    }
    int limit = q.limit() == 0 ? Suggester.DEFAULT_LIMIT : q.limit();
    List<String> words = QueryText.words(prefix);
    String folded = String.join(" ", words.subList(0, Math.min(words.size(), OpenSearchQueries.MAX_WORDS)));
    if (folded.length() < 2) {
      return Future.succeededFuture(new Suggestions(prefix, List.of()));
    }
    String locale = SearchLocales.of(q.locale());
    String requested = q.locale() == null || q.locale().isBlank() ? locale : q.locale();
    long generation = suggestions.generation();
    return http.post("/" + alias + "/_search", OpenSearchQueries.suggest(folded, locale, limit)).map(answer -> {
      var products = new ArrayList<Suggestion>();
      Set<String> names = new LinkedHashSet<>();
      for (Object o : answer.getJsonObject("hits", new JsonObject()).getJsonArray("hits", new JsonArray())) {
        JsonObject hit = (JsonObject) o;
        JsonObject source = hit.getJsonObject("_source", new JsonObject());
        JsonObject n = source.getJsonObject("names", new JsonObject());
        String text = n.getString(requested, n.getString(source.getString("default_locale")));
        if (text != null && names.add(text.toLowerCase(Locale.ROOT))) {
          products.add(new Suggestion("product", text, source.getString("slug"), hit.getString("_id")));
        }
      }
      var others = new ArrayList<Suggestion>(categories(words, requested));
      JsonObject brands = answer.getJsonObject("aggregations", new JsonObject()).getJsonObject("brands", new JsonObject())
        .getJsonObject("matching", new JsonObject()).getJsonObject("names", new JsonObject());
      for (Object b : brands.getJsonArray("buckets", new JsonArray())) {
        String brand = ((JsonObject) b).getString("key");
        others.add(new Suggestion("brand", brand, null, brand));
      }
      int keepOthers = Math.min(others.size(), Math.max(2, limit / 3));
      int keepProducts = Math.min(products.size(), limit - keepOthers);
      var out = new ArrayList<>(products.subList(0, keepProducts));
      out.addAll(others.subList(0, Math.min(others.size(), limit - keepProducts)));
      var found = new Suggestions(prefix, out);
      suggestions.put(q, found, generation);
      return found;
    });
  }

  /** Categories (names in every locale, folded) with a word starting with the typed text; at most 3, in the tree's order. */
  private List<Suggestion> categories(List<String> words, String locale) {
    String typed = String.join(" ", words);
    var out = new ArrayList<Suggestion>();
    for (Taxonomy.Node node : taxonomy.categories().values()) {
      if (out.size() == 3) {
        break;
      }
      for (String name : node.names().fieldNames()) {
        String folded = String.join(" ", QueryText.words(String.valueOf(node.names().getValue(name))));
        if (folded.startsWith(typed) || folded.contains(" " + typed)) {
          out.add(new Suggestion("category", Taxonomy.label(node.names(), locale, node.slug()), node.slug(), node.id().toString()));
          break;
        }
      }
    }
    return out;
  }

  /** What a search found, before it gets its id: cached as it is. */
  record Answer(SearchPlan asked, Run run, String correctedQuery, String didYouMean) {
  }

  record Run(SearchPlan plan, List<ProductCard> items, long total, Map<String, Map<String, Long>> counts, String corrected) {
  }

}
