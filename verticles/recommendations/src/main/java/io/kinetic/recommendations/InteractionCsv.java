package io.kinetic.recommendations;

import io.kinetic.kernel.contract.catalog.Translation;
import io.kinetic.kernel.contract.catalog.Variant;
import io.kinetic.kernel.contract.recommendations.BehaviourType;
import io.kinetic.kernel.money.Money;
import io.kinetic.recommendations.model.Signal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Interaction data as CSV for the offline evaluation (UTF-8, a header line, fields quoted with
 * {@code "} when they hold a comma or a quote).
 *
 * <p><b>Interactions</b>: {@code session,product,type,at,dwell_ms}. {@code session}: a shopper's
 * session (or, for purchases, the order: sessions starting {@code order:} are learned from and
 * never tested); {@code product}: a UUID or any other id (mapped to a name-based UUID);
 * {@code type}: {@code product-view}, {@code product-leave} (with {@code dwell_ms}),
 * {@code add-to-cart} or {@code purchase}; {@code at}: an ISO-8601 instant or epoch milliseconds;
 * {@code dwell_ms} may be empty. Rows of other types are skipped; they become signals by the
 * engine's rules (a leave is a long view when its dwell reaches {@code longViewSeconds}).
 *
 * <p><b>Products</b> (optional): {@code product,category,price,name,description,attributes,published}.
 * {@code price} in the currency's minor units (may be empty), {@code attributes} as
 * {@code code=value;code=value}, {@code published} {@code true} or {@code false} (empty: true).
 * Without a product file, every product of the interactions is published and content similarity
 * has nothing to compare.
 */
final class InteractionCsv {

  static final String INTERACTIONS_HEADER = "session,product,type,at,dwell_ms";
  static final String PRODUCTS_HEADER = "product,category,price,name,description,attributes,published";

  private InteractionCsv() {
  }

  /** The signals of {@code file}, in time order. */
  static List<Signal> readInteractions(Path file, int longViewSeconds) throws IOException {
    var out = new ArrayList<Signal>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Map<String, Integer> columns = header(in.readLine(), file, "session", "product", "type", "at");
      String line;
      int number = 1;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        List<String> f = fields(line);
        try {
          BehaviourType type = BehaviourType.fromWire(get(f, columns, "type"));
          if (type == null) {
            continue;
          }
          String dwell = get(f, columns, "dwell_ms");
          Signal s = EventIngestion.signal(get(f, columns, "session"), type, product(get(f, columns, "product")),
            dwell == null || dwell.isEmpty() ? null : Long.parseLong(dwell), instant(get(f, columns, "at")), longViewSeconds);
          if (s != null) {
            out.add(s);
          }
        } catch (RuntimeException e) {
          throw new IllegalArgumentException(file + " line " + number + ": " + e.getMessage(), e);
        }
      }
    }
    out.sort(Comparator.comparingLong(Signal::atMillis));
    return out;
  }

  /** The products of {@code file} as the recommender would know them ({@code currency}: their prices'). */
  static List<CatalogItem> readProducts(Path file, String currency) throws IOException {
    var out = new ArrayList<CatalogItem>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Map<String, Integer> columns = header(in.readLine(), file, "product");
      String line;
      int number = 1;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        List<String> f = fields(line);
        try {
          UUID id = product(get(f, columns, "product"));
          String category = get(f, columns, "category");
          String price = get(f, columns, "price");
          String name = get(f, columns, "name");
          String attributes = get(f, columns, "attributes");
          String published = get(f, columns, "published");
          var attrs = new LinkedHashMap<String, Object>();
          if (attributes != null && !attributes.isEmpty()) {
            for (String pair : attributes.split(";")) {
              int eq = pair.indexOf('=');
              if (eq > 0) {
                attrs.put(pair.substring(0, eq), pair.substring(eq + 1));
              }
            }
          }
          out.add(item(id, name == null || name.isEmpty() ? id.toString() : name, get(f, columns, "description"),
            category == null || category.isEmpty() ? List.of() : List.of(product(category)), attrs,
            price == null || price.isEmpty() ? null : Money.of(Long.parseLong(price), currency),
            published == null || published.isEmpty() || Boolean.parseBoolean(published)));
        } catch (RuntimeException e) {
          throw new IllegalArgumentException(file + " line " + number + ": " + e.getMessage(), e);
        }
      }
    }
    return out;
  }

  /** Published, in-stock products with nothing to compare: for interactions without a product file. */
  static List<CatalogItem> bare(List<Signal> signals) {
    Set<UUID> ids = new LinkedHashSet<>();
    signals.forEach(s -> ids.add(s.product()));
    return ids.stream().map(id -> item(id, id.toString(), null, List.of(), Map.of(), null, true)).toList();
  }

  /** Writes signals back as interactions (a long view as a leave after {@code longViewSeconds}). */
  static void writeInteractions(Path file, List<Signal> signals, int longViewSeconds) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(INTERACTIONS_HEADER + "\n");
      for (Signal s : signals) {
        String type = switch (s.weight()) {
          case Signal.VIEW -> "product-view";
          case Signal.LONG_VIEW -> "product-leave";
          case Signal.ADD_TO_CART -> "add-to-cart";
          default -> "purchase";
        };
        out.write(csv(s.session()) + "," + s.product() + "," + type + "," + Instant.ofEpochMilli(s.atMillis()) + ","
          + (s.weight() == Signal.LONG_VIEW ? String.valueOf(longViewSeconds * 1000L) : "") + "\n");
      }
    }
  }

  static void writeProducts(Path file, List<CatalogItem> items, String currency) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(PRODUCTS_HEADER + "\n");
      for (CatalogItem i : items) {
        Translation t = i.translations().get(i.defaultLocale());
        Money price = i.price(currency);
        var attrs = new StringBuilder();
        i.attributes().forEach((k, v) -> attrs.append(attrs.length() == 0 ? "" : ";").append(k).append('=').append(v));
        out.write(i.id() + "," + (i.categoryIds().isEmpty() ? "" : i.categoryIds().get(0)) + ","
          + (price == null ? "" : price.amount()) + "," + csv(t == null ? i.slug() : t.name()) + ","
          + csv(t == null ? "" : t.description()) + "," + csv(attrs.toString()) + "," + i.published() + "\n");
      }
    }
  }

  private static CatalogItem item(UUID id, String name, String description, List<UUID> categories, Map<String, Object> attributes,
                                  Money price, boolean published) {
    UUID variant = UUID.nameUUIDFromBytes(("variant:" + id).getBytes(StandardCharsets.UTF_8));
    var variants = List.of(new Variant(variant, id.toString(), Map.of(), price == null ? List.of() : List.of(price), 1, 1));
    return new CatalogItem(id, id.toString(), published, "en", Map.of("en", new Translation(name, description)), categories,
      attributes, null, variants, Map.of(variant, 1), 1);
  }

  private static UUID product(String id) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("no product");
    }
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return UUID.nameUUIDFromBytes(("reco-eval:" + id).getBytes(StandardCharsets.UTF_8));
    }
  }

  private static long instant(String at) {
    if (at == null || at.isEmpty()) {
      throw new IllegalArgumentException("no time (at)");
    }
    return at.chars().allMatch(Character::isDigit) ? Long.parseLong(at) : Instant.parse(at).toEpochMilli();
  }

  private static Map<String, Integer> header(String line, Path file, String... required) {
    if (line == null) {
      throw new IllegalArgumentException(file + " is empty (a header line is expected)");
    }
    var columns = new HashMap<String, Integer>();
    List<String> names = fields(line.startsWith("\uFEFF") ? line.substring(1) : line);
    for (int i = 0; i < names.size(); i++) {
      columns.put(names.get(i).trim().toLowerCase(Locale.ROOT), i);
    }
    for (String r : required) {
      if (!columns.containsKey(r)) {
        throw new IllegalArgumentException(file + ": the header has no column '" + r + "' (header: " + line + ")");
      }
    }
    return columns;
  }

  private static String get(List<String> fields, Map<String, Integer> columns, String name) {
    Integer i = columns.get(name);
    return i == null || i >= fields.size() ? null : fields.get(i).trim();
  }

  /** One CSV line's fields (quotes: {@code "a, b"}, {@code ""} inside quotes is a quote). */
  static List<String> fields(String line) {
    var out = new ArrayList<String>();
    var field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    out.add(field.toString());
    return out;
  }

  private static String csv(String s) {
    if (s == null) {
      return "";
    }
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
