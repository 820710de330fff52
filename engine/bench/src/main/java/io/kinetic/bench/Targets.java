package io.kinetic.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one url file per scenario (format of {@link RequestLine}): ids, slugs, SKUs, categories and
 * attribute values read from PostgreSQL ({@link CatalogSample}), list pages followed by their real
 * cursors on the running engine ({@link CursorWalker}). {@code recommendation_histories} is no
 * scenario: {@link RecommendationSetup} posts it once before the recommendations scenario. Exit 1 when there are no published products.
 */
public final class Targets {

  private static final String USAGE = "usage: Targets --pg-url postgresql://user@host:port/db --engine http://127.0.0.1:PORT"
      + " --out DIR [--schema catalog] [--limit 2000] [--seed 42] [--faceted 600] [--pages 3] [--mixed 4000] [--dashboard 2000]"
      + " [--searches 2000] [--suggestions 2000] [--recommendations 20000] [--event-batches 20000]";

  private Targets() {
  }

  public static void main(String[] argv) throws Exception {
    Args args = Args.forCatalogTool(argv, USAGE,
        Set.of("pg-url", "engine", "out", "schema", "limit", "seed", "faceted", "pages", "mixed", "dashboard", "searches",
          "suggestions", "recommendations", "event-batches"));
    CatalogSample sample = CatalogSample.read(args.require("pg-url"), args.schema(),
        args.intValue("limit", 2000));
    if (sample.products().isEmpty()) {
      System.err.println("no PUBLISHED products in " + args.schema() + ".product: seed first");
      System.exit(1);
    }
    var scenarios = new Scenarios(sample, args.intValue("seed", 42));
    int pages = args.intValue("pages", 3);
    Map<String, List<RequestLine>> files = new LinkedHashMap<>();
    files.put("baseline", scenarios.baseline());
    files.put("product_by_id", scenarios.productById());
    files.put("product_by_slug", scenarios.productBySlug());
    files.put("product_by_slug_graphql", scenarios.productBySlugGraphql());
    try (var walker = new CursorWalker(URI.create(args.require("engine")))) {
      files.put("product_list", pages(walker.walk(scenarios.productListFirstPages(), pages + 2)));
      files.put("filtered_list", pages(walker.walk(scenarios.filteredListFirstPages(), 1)));
      files.put("faceted_list", pages(walker.walk(scenarios.facetedFirstPages(args.intValue("faceted", 600)), pages)));
    }
    files.put("mixed", scenarios.mixed(files, args.intValue("mixed", 4000)));
    files.put("dashboard", scenarios.dashboard(java.time.LocalDate.now(java.time.ZoneOffset.UTC), args.intValue("dashboard", 2000)));
    files.put("search", scenarios.search(args.intValue("searches", 2000)));
    // the same mix while io.kinetic.bench.CatalogChurn changes prices and stock (the script runs it alongside)
    files.put("search_live", files.get("search"));
    files.put("autocomplete", scenarios.autocomplete(args.intValue("suggestions", 2000)));
    // recommendations and events: over every published product (the 10,000-product catalogue), not the sample
    List<String> everyProduct = CatalogSample.publishedIds(args.require("pg-url"), args.schema());
    files.put("recommendation_histories", scenarios.recommendationHistories(everyProduct, Scenarios.RECOMMENDATION_SESSIONS));
    files.put("recommendations", scenarios.recommendations(everyProduct, sample.categories(), Scenarios.RECOMMENDATION_SESSIONS,
        args.intValue("recommendations", 20_000)));
    files.put("events", scenarios.events(everyProduct, Scenarios.EVENT_SESSIONS, args.intValue("event-batches", 20_000)));

    Path out = Path.of(args.require("out"));
    Files.createDirectories(out);
    for (var file : files.entrySet()) {
      Path path = out.resolve(file.getKey() + ".txt");
      if (file.getValue().isEmpty()) {
        // the script skips a scenario whose url file is missing rather than benchmarking nothing
        Files.deleteIfExists(path);
        System.err.println("warning: no requests for " + file.getKey());
      } else {
        Files.write(path, file.getValue().stream().map(RequestLine::format).toList(), StandardCharsets.UTF_8);
      }
    }
    System.out.printf("targets: %d products, %d categories, %d attribute filters; %s -> %s%n", sample.products().size(),
        sample.categories().size(), sample.attributeValues().size(), counts(files), out);
  }

  private static List<RequestLine> pages(List<List<String>> chains) {
    List<RequestLine> out = new ArrayList<>();
    chains.forEach(chain -> chain.forEach(path -> out.add(RequestLine.get(path))));
    return out;
  }

  private static String counts(Map<String, List<RequestLine>> files) {
    var text = new StringBuilder();
    files.forEach((name, lines) -> text.append(text.isEmpty() ? "" : ", ").append(name).append(' ').append(lines.size()));
    return text.toString();
  }
}
