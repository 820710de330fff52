package io.kinetic.search;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The OpenSearch request bodies of a search and of autocomplete, from a checked {@link SearchPlan}.
 * <ul>
 * <li>Text, in the plan's locale: the words across the fields with boosts (name 4, brand,
 * categories and attributes 2, description 1; {@code cross_fields}, every word required,
 * stemmed and folded by the locale's analyzer), name prefixes (edge n-grams: "harb"), and name
 * trigrams (80% of them: a part of a German compound, "rucksack" in "Wanderrucksack", and a letter
 * missing). The loose form ({@link #search(SearchPlan, List, boolean, boolean)} with {@code fuzzy})
 * adds fuzzy name matching (typos, within 1 edit up to 5 letters and 2 beyond), used when the
 * text as typed finds nothing. Each synonym variant of the text is one more way to match.</li>
 * <li>Web search syntax (quotes, {@code -word}, {@code or}) goes through {@code simple_query_string}
 * (never an error), with no loosening, like the PostgreSQL backend.</li>
 * <li>Facets are disjunctive: the chosen filters are a {@code post_filter} (the hits and total),
 * and each facet's aggregation filters by all chosen filters but its own. Categories are counted
 * on each product's category path (its categories and their ancestors). Price bounds
 * ({@code minPrice}/{@code maxPrice}) narrow everything, as in PostgreSQL.</li>
 * </ul>
 */
final class OpenSearchQueries {

  /** Words of a plain query that are matched (longer queries are cut: the query's clauses stay bounded). */
  static final int MAX_WORDS = 12;
  static final int MAX_GRAM_TEXT = 40;
  static final int MAX_CATEGORY_BUCKETS = 10_000;

  private OpenSearchQueries() {
  }

  /** The body of a search for {@code plan}; {@code spell}: with a term suggestion per word (did you mean). */
  static JsonObject search(SearchPlan plan, List<String> facetAttributes, boolean fuzzy, boolean spell) {
    var filters = filters(plan);
    var query = new JsonObject().put("bool", new JsonObject()
      .put("must", new JsonArray().add(text(plan, fuzzy)))
      .put("filter", priceBounds(plan)));
    var body = new JsonObject()
      .put("query", query)
      .put("post_filter", allBut(filters, null))
      .put("from", (plan.page() - 1) * plan.pageSize())
      .put("size", plan.pageSize())
      .put("track_total_hits", true)
      .put("sort", sort(plan))
      .put("_source", new JsonArray().add("slug").add("names").add("default_locale").add("image").add("in_stock").add("units")
        .add("prices." + plan.currency()))
      .put("aggs", aggregations(plan, filters, facetAttributes));
    if (spell && !plan.browse() && !plan.operators()) {
      body.put("suggest", new JsonObject().put("text", clip(plan.text())).put("spell", new JsonObject().put("term", new JsonObject()
        .put("field", "spell").put("suggest_mode", "missing").put("max_edits", 2).put("prefix_length", 1)
        .put("min_word_length", 3).put("size", 8).put("sort", "score"))));
    }
    return body;
  }

  /** Autocomplete: product names starting with the typed words (and, from 4 letters, names within a typo), brands starting so. */
  static JsonObject suggest(String folded, String locale, int limit) {
    String name = "name_" + locale;
    var should = new JsonArray()
      .add(match(name + ".prefix", folded, "and", 2.0));
    if (folded.length() >= 4) {
      should.add(new JsonObject().put("match", new JsonObject().put(name, new JsonObject().put("query", folded)
        .put("operator", "and").put("fuzziness", "AUTO:4,6").put("prefix_length", 1).put("max_expansions", 10))));
    }
    var brands = new JsonObject().put("global", new JsonObject()).put("aggs", new JsonObject().put("matching", new JsonObject()
      .put("filter", match("brand.prefix", folded, "and", 1.0))
      .put("aggs", new JsonObject().put("names", new JsonObject().put("terms", new JsonObject().put("field", "brand").put("size", 3))))));
    return new JsonObject()
      .put("query", new JsonObject().put("bool", new JsonObject().put("should", should).put("minimum_should_match", 1)))
      .put("size", limit * 2)
      .put("sort", new JsonArray().add("_score").add(new JsonObject().put("created_at", new JsonObject().put("order", "desc")
        .put("unmapped_type", "date"))))
      .put("_source", new JsonArray().add("slug").add("names").add("default_locale"))
      .put("aggs", new JsonObject().put("brands", brands));
  }

  private static JsonObject text(SearchPlan plan, boolean fuzzy) {
    if (plan.browse()) {
      return new JsonObject().put("match_all", new JsonObject());
    }
    String l = plan.locale();
    var fields = new JsonArray().add("name_" + l + "^4").add("brand." + l + "^2").add("categories_" + l + "^2")
      .add((l.equals("de") ? "attributes.de" : "attributes") + "^2").add("description_" + l);
    var should = new JsonArray();
    List<String> variants = plan.variants().isEmpty() ? List.of(plan.text()) : plan.variants();
    if (plan.operators()) {
      for (String variant : variants.subList(0, Math.min(2, variants.size()))) {
        should.add(new JsonObject().put("simple_query_string", new JsonObject().put("query", webSearch(variant))
          .put("fields", fields).put("default_operator", "and").put("flags", "OR|NOT|PHRASE|WHITESPACE")));
      }
    } else {
      for (int i = 0; i < variants.size(); i++) {
        String v = clip(variants.get(i));
        should.add(new JsonObject().put("multi_match", new JsonObject().put("query", v).put("type", "cross_fields")
          .put("fields", fields).put("operator", "and")));
        should.add(match("name_" + l + ".prefix", v, "and", 0.5));
        if (i == 0 && v.length() <= MAX_GRAM_TEXT) {
          should.add(new JsonObject().put("match", new JsonObject().put("name_" + l + ".grams", new JsonObject().put("query", v)
            .put("minimum_should_match", "80%").put("boost", 0.3))));
        }
        if (fuzzy) {
          should.add(new JsonObject().put("match", new JsonObject().put("name_" + l, new JsonObject().put("query", v)
            .put("operator", "and").put("fuzziness", "AUTO:4,6").put("prefix_length", 1).put("max_expansions", 10))));
        }
      }
    }
    return new JsonObject().put("bool", new JsonObject().put("should", should).put("minimum_should_match", 1));
  }

  /** {@code or} between words is {@code |} in simple_query_string; the rest (quotes, -word) is the same syntax. */
  static String webSearch(String text) {
    return text.replaceAll("(?i)(^|\\s)or(?=\\s|$)", "$1|").replaceAll("[+*()~\\\\]", " ");
  }

  /** The first {@value #MAX_WORDS} words of a plain query. */
  static String clip(String text) {
    String[] words = text.trim().split("\\s+");
    return words.length <= MAX_WORDS ? text : String.join(" ", java.util.Arrays.copyOf(words, MAX_WORDS));
  }

  private static JsonObject match(String field, String text, String operator, double boost) {
    return new JsonObject().put("match", new JsonObject().put(field, new JsonObject().put("query", text)
      .put("operator", operator).put("boost", boost)));
  }

  private static JsonArray priceBounds(SearchPlan plan) {
    var out = new JsonArray();
    if (plan.minPrice() != null) {
      out.add(range("prices." + plan.currency() + ".max", "gte", plan.minPrice()));
    }
    if (plan.maxPrice() != null) {
      out.add(range("prices." + plan.currency() + ".min", "lte", plan.maxPrice()));
    }
    return out;
  }

  private static JsonObject range(String field, String op, long value) {
    return new JsonObject().put("range", new JsonObject().put(field, new JsonObject().put(op, value)));
  }

  /** The chosen filters by facet code. */
  private static Map<String, JsonObject> filters(SearchPlan plan) {
    var filters = new LinkedHashMap<String, JsonObject>();
    if (!plan.categories().isEmpty()) {
      filters.put("category", terms("category_ids", plan.categories().stream().map(UUID::toString).toList()));
    }
    if (!plan.brands().isEmpty()) {
      filters.put("brand", terms("brand", plan.brands()));
    }
    for (Map.Entry<String, List<String>> a : plan.attributes().entrySet()) {
      filters.put(SearchFacets.ATTRIBUTE_PREFIX + a.getKey(), terms("attr_values", a.getValue().stream().map(v -> a.getKey() + "=" + v).toList()));
    }
    if (!plan.priceRanges().isEmpty()) {
      var ranges = new JsonArray();
      for (long[] r : plan.priceRanges()) {
        var bounds = new JsonObject().put("gte", r[0]);
        if (r[1] >= 0) {
          bounds.put("lt", r[1]);
        }
        ranges.add(new JsonObject().put("range", new JsonObject().put("prices." + plan.currency() + ".min", bounds)));
      }
      filters.put("price", new JsonObject().put("bool", new JsonObject().put("should", ranges).put("minimum_should_match", 1)));
    }
    if (plan.inStock()) {
      filters.put("availability", new JsonObject().put("term", new JsonObject().put("in_stock", true)));
    }
    return filters;
  }

  private static JsonObject terms(String field, List<String> values) {
    return new JsonObject().put("terms", new JsonObject().put(field, new JsonArray(new ArrayList<>(values))));
  }

  /** Every chosen filter but the facet's own. */
  private static JsonObject allBut(Map<String, JsonObject> filters, String facet) {
    var parts = new JsonArray();
    filters.forEach((code, filter) -> {
      if (!code.equals(facet)) {
        parts.add(filter);
      }
    });
    return new JsonObject().put("bool", new JsonObject().put("filter", parts));
  }

  private static JsonObject aggregations(SearchPlan plan, Map<String, JsonObject> filters, List<String> facetAttributes) {
    var aggs = new JsonObject();
    aggs.put("category", filtered(allBut(filters, "category"), new JsonObject().put("terms", new JsonObject()
      .put("field", "category_path").put("size", MAX_CATEGORY_BUCKETS))));
    aggs.put("brand", filtered(allBut(filters, "brand"), new JsonObject().put("terms", new JsonObject()
      .put("field", "brand").put("size", 500))));
    var unchosen = new ArrayList<String>();
    for (String code : facetAttributes) {
      if (plan.attributes().containsKey(code)) {
        aggs.put("attr:" + code, filtered(allBut(filters, SearchFacets.ATTRIBUTE_PREFIX + code), attributeTerms(List.of(code))));
      } else {
        unchosen.add(code);
      }
    }
    if (!unchosen.isEmpty()) {
      aggs.put("attr", filtered(allBut(filters, null), attributeTerms(unchosen)));
    }
    long unit = unit(plan.currency());
    var ranges = new JsonArray();
    long from = 0;
    for (long bound : SearchStatement.PRICE_BOUNDS) {
      long to = bound * unit;
      ranges.add(new JsonObject().put("key", from + "-" + to).put("from", from).put("to", to));
      from = to;
    }
    ranges.add(new JsonObject().put("key", from + "-").put("from", from));
    aggs.put("price", filtered(allBut(filters, "price"), new JsonObject().put("range", new JsonObject()
      .put("field", "prices." + plan.currency() + ".min").put("keyed", true).put("ranges", ranges))));
    var inStock = allBut(filters, "availability");
    inStock.getJsonObject("bool").getJsonArray("filter").add(new JsonObject().put("term", new JsonObject().put("in_stock", true)));
    aggs.put("availability", new JsonObject().put("filter", inStock));
    return aggs;
  }

  /**
   * The {@code code=value} counts; the values of other attributes are dropped when read
   * ({@code include} with alternatives fails in OpenSearch 2.19: index_out_of_bounds_exception).
   */
  private static JsonObject attributeTerms(List<String> codes) {
    return new JsonObject().put("terms", new JsonObject().put("field", "attr_values").put("size", 2_000));
  }

  private static JsonObject filtered(JsonObject filter, JsonObject values) {
    return new JsonObject().put("filter", filter).put("aggs", new JsonObject().put("values", values));
  }

  private static JsonArray sort(SearchPlan plan) {
    String prices = "prices." + plan.currency();
    var tie = new JsonObject().put("id", new JsonObject().put("order", "asc"));
    var newest = new JsonObject().put("created_at", new JsonObject().put("order", "desc").put("missing", "_last").put("unmapped_type", "date"));
    return switch (plan.sort()) {
      case PRICE_ASC -> new JsonArray().add(new JsonObject().put(prices + ".min", new JsonObject().put("order", "asc")
        .put("missing", "_last").put("unmapped_type", "long"))).add(tie);
      case PRICE_DESC -> new JsonArray().add(new JsonObject().put(prices + ".max", new JsonObject().put("order", "desc")
        .put("missing", "_last").put("unmapped_type", "long"))).add(tie);
      case NEWEST -> new JsonArray().add(newest).add(tie);
      case RELEVANCE -> plan.browse() ? new JsonArray().add(newest).add(tie) : new JsonArray().add("_score").add(newest).add(tie);
    };
  }

  /** Minor units per major unit of a currency. */
  static long unit(String currency) {
    int digits = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
    return (long) Math.pow(10, Math.max(0, digits));
  }
}
