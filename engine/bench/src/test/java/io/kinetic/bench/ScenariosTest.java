package io.kinetic.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScenariosTest {

  private static final CatalogSample SAMPLE = new CatalogSample(
      List.of(new CatalogSample.Product("p1", "linen-shirt-1", List.of("KC1-M-RED", "KC1-L-RED")),
          new CatalogSample.Product("p2", "wool-scarf-2", List.of("KC2-S-BLUE"))),
      List.of("c1", "c2", "c3"),
      Map.of("material", List.of("linen", "wool"), "brand", List.of("Fjord & Co", "Terra"), "organic", List.of("true", "false")),
      499, 19_999);

  @Test
  void filteredListsCoverEveryCategoryInEverySort() {
    List<String> pages = new Scenarios(SAMPLE, 1).filteredListFirstPages();
    assertEquals(3 * Scenarios.SORTS.size(), pages.size());
    assertTrue(pages.stream().allMatch(p -> p.contains("category=") && p.contains("&sort=") && p.endsWith("&limit=20")));
  }

  @Test
  void facetedListsAreDistinctFilterCombinationsWithEncodedValues() {
    List<String> pages = new Scenarios(SAMPLE, 1).facetedFirstPages(50);
    assertEquals(50, Set.copyOf(pages).size());
    assertTrue(pages.stream().allMatch(p -> p.contains("&attr.")), "each has at least one attribute filter");
    assertTrue(pages.stream().anyMatch(p -> p.contains("minPrice=") && p.contains("maxPrice=")), "some have a price range");
    assertTrue(pages.stream().noneMatch(p -> p.contains("Fjord & Co")), "values are URL-encoded");
    assertEquals(pages, new Scenarios(SAMPLE, 1).facetedFirstPages(50), "the same seed gives the same searches");
  }

  @Test
  void mixedIsFivePercentAdminWritesOfPricesAndStock() {
    var scenarios = new Scenarios(SAMPLE, 7);
    Map<String, List<RequestLine>> reads = Map.of(
        "product_by_id", scenarios.productById(), "product_by_slug", scenarios.productBySlug(),
        "filtered_list", List.of(RequestLine.get("/api/v1/products?category=c1&sort=name&limit=20")));

    List<RequestLine> mixed = scenarios.mixed(reads, 2000);

    assertEquals(2000, mixed.size());
    List<RequestLine> writes = mixed.stream().filter(RequestLine::write).toList();
    assertEquals(100, writes.size());
    assertEquals(Set.of("prices", "stock"), writes.stream()
        .map(w -> w.path().contains("/prices/") ? "prices" : w.path().endsWith("/stock") ? "stock" : w.path())
        .collect(Collectors.toSet()));
    assertTrue(writes.stream().allMatch(w -> w.path().startsWith("/api/v1/admin/variants/KC")));
    assertTrue(mixed.stream().filter(r -> !r.write()).allMatch(r -> r.path().startsWith("/api/v1/products")));
  }

  @Test
  void searchesMixWordsTyposPrefixesAndFacetsOverTheNames() {
    List<RequestLine> searches = new Scenarios(SAMPLE, 3).search(40);
    assertEquals(40, Set.copyOf(searches).size());
    assertTrue(searches.stream().allMatch(r -> r.path().startsWith("/api/v1/search?q=") && !r.write()));
    assertTrue(searches.stream().anyMatch(r -> r.path().contains("&filter.")), "some filter by facets");
    assertTrue(searches.stream().anyMatch(r -> r.path().matches(".*q=(lin|line|wool|scar|scarf|shir|shirt)&.*")), "prefixes and words");
    assertTrue(searches.stream().noneMatch(r -> r.path().contains("Fjord & Co")), "values are URL-encoded");
    assertEquals(searches, new Scenarios(SAMPLE, 3).search(40), "the same seed gives the same searches");
  }

  @Test
  void autocompleteTypesTwoToSixLettersOfNames() {
    List<RequestLine> typed = new Scenarios(SAMPLE, 3).autocomplete(10);
    assertTrue(typed.stream().allMatch(r -> r.path().startsWith("/api/v1/search/suggest?q=")));
    assertTrue(typed.stream().map(r -> r.path().replaceAll(".*q=([^&]*)&.*", "$1").replace("%20", " "))
      .allMatch(q -> q.length() >= 2 && List.of("linen shirt", "wool scarf").stream().anyMatch(name -> name.contains(q))), typed.toString());
  }

  @Test
  void nameWordsComeFromTheSlugWithoutItsNumber() {
    assertEquals(List.of("aurora", "cotton", "jacket"), Scenarios.nameWords("aurora-cotton-jacket-123"));
  }
}
