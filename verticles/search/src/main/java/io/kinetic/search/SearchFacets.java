package io.kinetic.search;

import io.kinetic.kernel.contract.search.Facet;
import io.kinetic.kernel.contract.search.FacetValue;
import io.kinetic.kernel.contract.search.SearchQuery;
import io.kinetic.kernel.contract.search.SearchSort;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.error.FieldError;
import io.kinetic.kernel.id.Ids;
import io.kinetic.kernel.money.Money;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The facets: which codes exist ({@code category}, {@code brand}, {@code price},
 * {@code availability}, {@code attr.<code>} for enum and boolean attributes), how a request's
 * filters are checked into a {@link SearchPlan}, and how counts become labelled {@link Facet}s.
 */
final class SearchFacets {

  static final String ATTRIBUTE_PREFIX = "attr.";
  static final String IN_STOCK = "in-stock";
  static final int MAX_VALUES = 50;
  private static final Pattern PRICE_RANGE = Pattern.compile("(\\d{1,15})-(\\d{1,15})?");

  private SearchFacets() {
  }

  /** Checks the request; fails VALIDATION_FAILED naming every bad field. */
  static SearchPlan plan(SearchQuery q, Taxonomy taxonomy, Synonyms synonyms, String defaultCurrency) {
    var errors = new ArrayList<FieldError>();
    String text = QueryText.normalise(q.query());
    if (q.query() != null && q.query().length() > SearchQuery.MAX_QUERY_LENGTH) {
      errors.add(new FieldError("q", "at most " + SearchQuery.MAX_QUERY_LENGTH + " characters"));
    }
    String currency = q.currency() == null ? defaultCurrency : q.currency();
    if (!Money.isCurrency(currency)) {
      errors.add(new FieldError("currency", "an ISO 4217 currency code"));
    }
    if (q.page() < 1 || q.page() > SearchQuery.MAX_PAGE) {
      errors.add(new FieldError("page", "1 to " + SearchQuery.MAX_PAGE));
    }
    if (q.pageSize() < 1 || q.pageSize() > SearchQuery.MAX_PAGE_SIZE) {
      errors.add(new FieldError("pageSize", "1 to " + SearchQuery.MAX_PAGE_SIZE));
    }
    if (q.minPrice() != null && q.minPrice() < 0 || q.maxPrice() != null && q.maxPrice() < 0) {
      errors.add(new FieldError("price", "amounts are 0 or more, in minor units"));
    } else if (q.minPrice() != null && q.maxPrice() != null && q.minPrice() > q.maxPrice()) {
      // as the product list answers it: a range that holds nothing is a mistake, not an empty page
      errors.add(new FieldError("minPrice", "must not be above maxPrice"));
    }
    var chosen = new LinkedHashMap<String, List<String>>();
    var categories = new LinkedHashSet<UUID>();
    var brands = new ArrayList<String>();
    var attributes = new LinkedHashMap<String, List<String>>();
    var prices = new ArrayList<long[]>();
    boolean inStock = false;
    Map<String, List<String>> filters = q.filters() == null ? Map.of() : q.filters();
    for (Map.Entry<String, List<String>> f : filters.entrySet()) {
      String code = f.getKey();
      List<String> values = f.getValue() == null ? List.of() : f.getValue().stream()
        .filter(v -> v != null && !v.isBlank()).distinct().toList();
      String field = "filter." + code; // as the REST parameter is named (GraphQL: the filter whose code it is)
      if (values.isEmpty()) {
        continue;
      }
      if (values.size() > MAX_VALUES) {
        errors.add(new FieldError(field, "must hold at most " + MAX_VALUES + " values"));
        continue;
      }
      chosen.put(code, values);
      switch (code) {
        case "category" -> {
          for (String v : values) {
            Optional<UUID> id = Ids.parse(v);
            if (id.isEmpty()) {
              errors.add(new FieldError(field, "must be category ids"));
              break;
            }
            categories.addAll(taxonomy.subtree(id.get()));
          }
        }
        case "brand" -> brands.addAll(values);
        case "price" -> {
          for (String v : values) {
            Matcher m = PRICE_RANGE.matcher(v);
            if (!m.matches() || m.group(2) != null && Long.parseLong(m.group(2)) <= Long.parseLong(m.group(1))) {
              errors.add(new FieldError(field, "must be ranges of minor units, written from-to (to above from) or from-"));
              break;
            }
            prices.add(new long[] {Long.parseLong(m.group(1)), m.group(2) == null ? -1 : Long.parseLong(m.group(2))});
          }
        }
        case "availability" -> {
          if (!values.equals(List.of(IN_STOCK))) {
            errors.add(new FieldError(field, "must be " + IN_STOCK));
          }
          inStock = true;
        }
        default -> {
          String attribute = code.startsWith(ATTRIBUTE_PREFIX) ? code.substring(ATTRIBUTE_PREFIX.length()) : null;
          if (attribute == null || !taxonomy.facetAttributes().containsKey(attribute)) {
            errors.add(new FieldError(field, "is no facet of this shop: the facets are category, brand, price, availability"
              + taxonomy.facetAttributes().keySet().stream().map(a -> ", " + ATTRIBUTE_PREFIX + a).collect(java.util.stream.Collectors.joining())));
          } else {
            attributes.put(attribute, values);
          }
        }
      }
    }
    if (!errors.isEmpty()) {
      throw Failure.invalid(errors);
    }
    String locale = SearchLocales.of(q.locale());
    String requested = q.locale() == null || q.locale().isBlank() ? locale : q.locale();
    boolean operators = QueryText.usesOperators(text);
    List<String> variants = text.isEmpty() ? List.of() : synonyms.variants(text, locale);
    return new SearchPlan(text, operators, variants, requested, locale, currency, chosen, List.copyOf(categories), brands,
      attributes, prices, inStock, q.minPrice(), q.maxPrice(), q.sort() == null ? SearchSort.RELEVANCE : q.sort(),
      q.page(), q.pageSize());
  }

  /** The facets of an outcome, labelled in the plan's locale; values without results are left out unless chosen. */
  static List<Facet> facets(SearchPlan plan, Map<String, Map<String, Long>> counts, Taxonomy taxonomy, long unit) {
    String locale = plan.locale();
    var facets = new ArrayList<Facet>();
    var categoryValues = new ArrayList<FacetValue>();
    Map<String, Long> categoryCounts = counts.getOrDefault("category", Map.of());
    for (Taxonomy.Node node : taxonomy.categories().values()) {
      long n = categoryCounts.getOrDefault(node.id().toString(), 0L);
      boolean selected = plan.chosen().getOrDefault("category", List.of()).contains(node.id().toString());
      if (n > 0 || selected) {
        categoryValues.add(new FacetValue(node.id().toString(), Taxonomy.label(node.names(), locale, node.slug()), n, selected,
          node.parentId() == null ? null : node.parentId().toString()));
      }
    }
    facets.add(new Facet("category", label(locale, "Category", "Kategorie"), categoryValues));
    facets.add(new Facet("brand", label(locale, "Brand", "Marke"),
      values(counts.getOrDefault("brand", Map.of()), plan.chosen().getOrDefault("brand", List.of()), v -> v, true)));
    var attributeValues = new LinkedHashMap<String, Map<String, Long>>();
    counts.getOrDefault("attr", Map.of()).forEach((pair, n) -> {
      int eq = pair.indexOf('=');
      attributeValues.computeIfAbsent(pair.substring(0, eq), k -> new LinkedHashMap<>()).put(pair.substring(eq + 1), n);
    });
    for (Taxonomy.FacetAttribute attribute : taxonomy.facetAttributes().values()) {
      String code = ATTRIBUTE_PREFIX + attribute.code();
      List<FacetValue> values = values(attributeValues.getOrDefault(attribute.code(), Map.of()),
        plan.chosen().getOrDefault(code, List.of()), v -> v, true);
      if (!values.isEmpty()) {
        facets.add(new Facet(code, Taxonomy.label(attribute.names(), locale, attribute.code()), values));
      }
    }
    var priceValues = new ArrayList<FacetValue>();
    Map<String, Long> priceCounts = counts.getOrDefault("price", Map.of());
    long from = 0;
    for (int i = 0; i <= SearchStatement.PRICE_BOUNDS.length; i++) {
      String value = i < SearchStatement.PRICE_BOUNDS.length ? from + "-" + SearchStatement.PRICE_BOUNDS[i] * unit : from + "-";
      long n = priceCounts.getOrDefault(value, 0L);
      boolean selected = plan.chosen().getOrDefault("price", List.of()).contains(value);
      if (n > 0 || selected) {
        priceValues.add(new FacetValue(value, priceLabel(value, plan.currency(), plan.requestedLocale(), unit), n, selected, null));
      }
      from = i < SearchStatement.PRICE_BOUNDS.length ? SearchStatement.PRICE_BOUNDS[i] * unit : from;
    }
    facets.add(new Facet("price", label(locale, "Price", "Preis"), priceValues));
    long inStock = counts.getOrDefault("availability", Map.of()).getOrDefault(IN_STOCK, 0L);
    facets.add(new Facet("availability", label(locale, "Availability", "Verfügbarkeit"),
      List.of(new FacetValue(IN_STOCK, label(locale, "In stock", "Auf Lager"), inStock, plan.inStock(), null))));
    return facets;
  }

  private static List<FacetValue> values(Map<String, Long> counts, List<String> chosen,
                                         java.util.function.UnaryOperator<String> label, boolean byCount) {
    var values = new ArrayList<FacetValue>();
    counts.forEach((value, n) -> values.add(new FacetValue(value, label.apply(value), n, chosen.contains(value), null)));
    for (String value : chosen) {
      if (!counts.containsKey(value)) {
        values.add(new FacetValue(value, label.apply(value), 0, true, null));
      }
    }
    values.sort(byCount ? Comparator.comparingLong(FacetValue::count).reversed().thenComparing(FacetValue::value)
      : Comparator.comparing(FacetValue::value));
    return values;
  }

  private static String label(String locale, String en, String de) {
    return "de".equals(locale) ? de : en;
  }

  private static String priceLabel(String value, String currency, String locale, long unit) {
    NumberFormat format = NumberFormat.getCurrencyInstance(Locale.forLanguageTag(locale));
    format.setCurrency(java.util.Currency.getInstance(currency));
    format.setMaximumFractionDigits(0);
    String[] parts = value.split("-", -1);
    String from = format.format(Long.parseLong(parts[0]) / unit);
    return parts[1].isEmpty() ? from + "+" : from + " – " + format.format(Long.parseLong(parts[1]) / unit);
  }
}
