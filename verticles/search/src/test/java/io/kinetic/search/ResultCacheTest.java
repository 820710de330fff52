package io.kinetic.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Which cached answers a change retires or patches: a change of everything retires all of them; a
 * product's availability those whose text matches it; its units only those listing it; its price
 * (in the answer's currency) those listing it or filtering by price, those ordered by price when it
 * moves onto their page, and otherwise moves its count from one price bucket to another when it is
 * counted. A change the answer's rows had already changes nothing; an answer computed while a
 * change it depends on landed is not kept as it was.
 */
class ResultCacheTest {

  private static final UUID LISTED = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private static final UUID MATCHED = UUID.fromString("00000000-0000-0000-0000-00000000000b");
  private static final UUID OTHER = UUID.fromString("00000000-0000-0000-0000-00000000000c");
  /** EUR: buckets of 0-20, 20-50, 50-100, 100-200, 200- euros. */
  private static final long UNIT = 100;

  /** An answer: its price bucket counts (bucket index to count). */
  record Counts(Map<Integer, Integer> buckets) {
  }

  private final ResultCache.Generation generation = new ResultCache.Generation();
  private final ResultCache<String, Counts> cache = new ResultCache<>(generation, (answer, from, to) -> {
    var moved = new TreeMap<>(answer.buckets());
    moved.merge(from, -1, Integer::sum);
    moved.merge(to, 1, Integer::sum);
    return new Counts(moved);
  });
  private long version = 10;

  /** Lists LISTED (at 30 EUR), matches LISTED and MATCHED (at 25 EUR), in EUR, read at {@link #version}. */
  private static ResultCache.Dependencies dependencies(long version, int order, boolean priceFiltered, UUID... counted) {
    int[] matched = ResultCache.Dependencies.keys(List.of(LISTED, MATCHED));
    return new ResultCache.Dependencies(matched, counted.length == 0 ? null : ResultCache.Dependencies.keys(List.of(counted)),
      ResultCache.Dependencies.keys(List.of(LISTED)), "EUR", version, order, order == 0 ? null : 3000L, order == 0 ? null : 3000L,
      priceFiltered, true, UNIT);
  }

  private static Counts twoIn20To50() {
    return new Counts(Map.of(1, 2));
  }

  private void keep(String key, ResultCache.Dependencies dependencies) {
    cache.put(key, twoIn20To50(), dependencies, generation.value());
  }

  private ResultCache.Change price(UUID product, String currency, long from, long to) {
    version++;
    return ResultCache.Change.of(version, product, currency, false, from, to, from, to);
  }

  private ResultCache.Change units(UUID product) {
    version++;
    return ResultCache.Change.of(version, product, null, true, null, null, null, null);
  }

  private ResultCache.Change availability(UUID product) {
    version++;
    return ResultCache.Change.of(version, product, null, false, null, null, null, null);
  }

  @Test
  void aChangeOfAProductTheTextDoesNotMatchRetiresNothing() {
    keep("a", dependencies(version, 0, false));
    generation.retire(List.of(price(OTHER, "EUR", 1000, 9000), availability(OTHER), units(OTHER)));
    assertEquals(twoIn20To50(), cache.get("a"));
  }

  @Test
  void aPriceOfAMatchingProductMovesItsBucketCountOrRetiresWhatListsItOrFiltersByPrice() {
    keep("plain", dependencies(version, 0, false));
    keep("filtered by price", dependencies(version, 0, true));
    generation.retire(List.of(price(MATCHED, "EUR", 2500, 4900)));
    assertEquals(twoIn20To50(), cache.get("plain"), "the same bucket: nothing changes");
    assertNull(cache.get("filtered by price"));
    generation.retire(List.of(price(MATCHED, "USD", 2500, 9900)));
    assertEquals(twoIn20To50(), cache.get("plain"), "another currency is not read");
    generation.retire(List.of(price(MATCHED, "EUR", 4900, 5000), price(MATCHED, "EUR", 5000, 1000)));
    assertEquals(new Counts(Map.of(0, 1, 1, 1, 2, 0)), cache.get("plain"), "moved twice, in order");
    generation.retire(List.of(price(LISTED, "EUR", 3000, 3100)));
    assertNull(cache.get("plain"), "its card shows the price");
  }

  @Test
  void aCountIsMovedOnlyForAProductCountedUnderTheOtherFilters() {
    keep("counts listed only", dependencies(version, 0, false, LISTED));
    generation.retire(List.of(price(MATCHED, "EUR", 2500, 9000)));
    assertEquals(twoIn20To50(), cache.get("counts listed only"));
  }

  @Test
  void anAnswerOrderedByPriceGoesOnlyWhenTheProductMovesAcrossItsPage() {
    keep("ascending", dependencies(version, 1, false));
    generation.retire(List.of(price(MATCHED, "EUR", 4000, 4500)));
    assertEquals(new Counts(Map.of(1, 2)), cache.get("ascending"), "after the page (30 EUR) and stays after it");
    generation.retire(List.of(price(MATCHED, "EUR", 4500, 1000)));
    assertNull(cache.get("ascending"), "now before the page: the page shifts");
    keep("descending", dependencies(version, -1, false));
    generation.retire(List.of(price(MATCHED, "EUR", 2500, 2000)));
    assertEquals(new Counts(Map.of(1, 2)), cache.get("descending"), "after the page in descending order");
    generation.retire(List.of(price(MATCHED, "EUR", 2000, 3000)));
    assertNull(cache.get("descending"), "ties with the page's end");
  }

  @Test
  void unitsRetireOnlyTheAnswersListingTheProductAndAvailabilityAllMatching() {
    keep("a", dependencies(version, 0, false));
    generation.retire(List.of(units(MATCHED)));
    assertEquals(twoIn20To50(), cache.get("a"));
    generation.retire(List.of(units(LISTED)));
    assertNull(cache.get("a"));
    keep("b", dependencies(version, 0, false));
    generation.retire(List.of(availability(MATCHED)));
    assertNull(cache.get("b"), "in or out of stock: counted in the availability facet");
  }

  @Test
  void aChangeTheAnswersRowsHadChangesNothingAndOneTheyLackedIsApplied() {
    long start = generation.value();
    var before = price(MATCHED, "EUR", 2500, 9000);
    generation.retire(List.of(before));
    // computed from rows that had the change already (read at its version)
    cache.put("had it", twoIn20To50(), dependencies(version, 0, false), start);
    assertEquals(twoIn20To50(), cache.get("had it"));
    // computed from rows older than the change: kept with the change applied
    cache.put("lacked it", twoIn20To50(), dependencies(version - 1, 0, false), start);
    assertEquals(new Counts(Map.of(1, 1, 2, 1)), cache.get("lacked it"), "90 EUR: 50-100");
    cache.put("lacked a card", twoIn20To50(), dependencies(version - 1, 0, false), generation.value());
    start = generation.value();
    generation.retire(List.of(units(LISTED)));
    cache.put("late", twoIn20To50(), dependencies(version - 1, 0, false), start);
    assertNull(cache.get("late"), "computed from rows older than a change it depends on");
  }

  @Test
  void aChangeOfEverythingRetiresAllSuggestionsReadNoPricesAndABrowseDependsOnEverything() {
    keep("a", dependencies(version, 0, false));
    cache.put("suggestion", twoIn20To50(), ResultCache.Dependencies.NO_PRODUCT, generation.value());
    cache.put("browse", twoIn20To50(), ResultCache.Dependencies.EVERYTHING, generation.value());
    generation.retire(List.of(price(LISTED, "EUR", 100, 9000), units(LISTED), availability(LISTED)));
    assertEquals(twoIn20To50(), cache.get("suggestion"));
    assertNull(cache.get("browse"));
    generation.next();
    assertNull(cache.get("a"));
    assertNull(cache.get("suggestion"));
  }

  @Test
  void anAnswerOlderThanTheRetirementsKeptIsLetGo() {
    keep("a", dependencies(version, 0, false));
    for (int i = 0; i <= ResultCache.Generation.KEPT; i++) {
      generation.retire(List.of(price(OTHER, "EUR", 100, 9000)));
    }
    assertNull(cache.get("a"));
  }
}
