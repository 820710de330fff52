package io.kinetic.search;

import io.kinetic.kernel.contract.search.SearchQuery;
import io.kinetic.kernel.contract.search.SearchResult;
import io.kinetic.kernel.id.Ids;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Searches: checks the request into a plan, runs its statement (full text first, with trigram
 * matching only when that finds at most {@link #FEW_RESULTS}) and, when a plain query finds
 * nothing, corrects its spelling word by word against the lexicon of known words and searches
 * again ("jacekt" shows the jackets, saying so). A query with few results is answered with a
 * did-you-mean when a correction differs. The first page of each non-empty query is logged for
 * analytics. Answers are kept a moment ({@link ResultCache}): popular searches cost one statement
 * per change of the index or per second.
 */
final class SearchService {

  /** At most this many results and a correction exists: the correction is offered. */
  static final int FEW_RESULTS = 2;

  private final Pool pool;
  private final Taxonomy taxonomy;
  private final Synonyms synonyms;
  private final QueryLog queryLog;
  private final String defaultCurrency;
  private final Corrections corrections;
  private final ResultCache<SearchQuery, Answer> cache;

  SearchService(Pool pool, Taxonomy taxonomy, Synonyms synonyms, QueryLog queryLog, Corrections corrections,
                ResultCache<SearchQuery, Answer> cache, String defaultCurrency, int lowStock) {
    this.lowStock = lowStock;
    this.cache = cache;
    this.pool = pool;
    this.corrections = corrections;
    this.taxonomy = taxonomy;
    this.synonyms = synonyms;
    this.queryLog = queryLog;
    this.defaultCurrency = defaultCurrency;
  }

  /** A card says "low" at this many units or fewer ({@code catalog.lowStockThreshold}). */
  private final int lowStock;

  Future<SearchResult> search(SearchQuery q) {
    Answer cached = cache.get(q);
    if (cached != null) {
      return Future.succeededFuture(reply(cached));
    }
    SearchPlan plan = SearchFacets.plan(q, taxonomy, synonyms, defaultCurrency);
    long generation = cache.generation();
    return answer(plan).map(answer -> {
      cache.put(q, answer, answer.dependencies(), generation);
      return reply(answer);
    });
  }

  private Future<Answer> answer(SearchPlan plan) {
    return matched(plan).compose(outcome -> {
      if (plan.browse() || plan.operators() || outcome.total() > FEW_RESULTS) {
        return Future.succeededFuture(new Answer(plan, outcome, null, null));
      }
      return correct(plan.text()).compose(corrected -> {
        if (corrected == null) {
          return Future.succeededFuture(new Answer(plan, outcome, null, null));
        }
        if (outcome.total() > 0) {
          return Future.succeededFuture(new Answer(plan, outcome, null, corrected));
        }
        SearchPlan retry = plan.withText(corrected, synonyms.variants(corrected, plan.locale()));
        // either run's products may change the answer (the first finding some brings it back)
        ResultCache.Dependencies first = outcome.outcome().dependencies();
        return matched(retry).map(second -> second.total() == 0
          ? new Answer(plan, outcome, null, null, first.alsoOn(second.outcome().dependencies()))
          : new Answer(plan, second, corrected, corrected, second.outcome().dependencies().alsoOn(first)));
      });
    });
  }

  /**
   * The full-text match first (the GIN index alone, cheap); only when it finds at most
   * {@link #FEW_RESULTS} does the text also match by trigram word similarity (a typo, a prefix, a
   * word the stemmer does not know), the dearest part of a search. The fuzzy answer depends on both
   * runs' products: a change that lets the full-text run find more brings that answer back.
   */
  private Future<Run> matched(SearchPlan plan) {
    if (plan.browse() || plan.operators()) {
      return run(plan, true);
    }
    return run(plan, false).compose(exact -> exact.total() > FEW_RESULTS ? Future.succeededFuture(exact)
      : run(plan, true).map(fuzzy -> fuzzy.alsoOn(exact)));
  }

  private Future<Run> run(SearchPlan plan, boolean fuzzy) {
    var statement = new SearchStatement(plan, List.copyOf(taxonomy.facetAttributes().keySet()), lowStock, fuzzy);
    String sql = statement.sql();
    return pool.preparedQuery(sql).execute(statement.params())
      .map(rows -> new Run(plan, statement.read(rows), statement.unit()));
  }

  /** The answer with an id of its own (for click-through); the first page of a query is logged. */
  private SearchResult reply(Answer answer) {
    SearchPlan asked = answer.asked();
    Run run = answer.run();
    SearchStatement.Outcome outcome = run.outcome();
    UUID searchId = Ids.newId();
    if (!asked.browse() && asked.page() == 1) {
      queryLog.record(searchId, asked.text(), asked.locale(), outcome.total());
    }
    int pages = (int) Math.min(SearchQuery.MAX_PAGE, (outcome.total() + asked.pageSize() - 1) / asked.pageSize());
    return new SearchResult(asked.text(), answer.correctedQuery(), answer.didYouMean(), outcome.items(), outcome.total(),
      asked.page(), asked.pageSize(), pages, SearchFacets.facets(run.plan(), outcome.counts(), taxonomy, run.unit()), searchId);
  }

  private Future<String> correct(String text) {
    return corrections.correct(QueryText.words(text)).map(words -> words == null ? null : String.join(" ", words));
  }

  /** What a search found, before it gets its id: cached as it is. */
  record Answer(SearchPlan asked, Run run, String correctedQuery, String didYouMean, ResultCache.Dependencies dependencies) {
    Answer(SearchPlan asked, Run run, String correctedQuery, String didYouMean) {
      this(asked, run, correctedQuery, didYouMean, run.outcome().dependencies());
    }

    /** The same answer with one product's count moved from a price bucket to another (it passes the other filters). */
    Answer moveBucket(int from, int to) {
      SearchStatement.Outcome outcome = run.outcome();
      Map<String, Long> prices = new LinkedHashMap<>(outcome.counts().getOrDefault("price", Map.of()));
      String fromLabel = SearchStatement.bucketLabel(from, run.unit());
      Long was = prices.get(fromLabel);
      if (was == null || was <= 0) {
        return null; // not as counted: recompute
      }
      prices.put(fromLabel, was - 1);
      prices.merge(SearchStatement.bucketLabel(to, run.unit()), 1L, Long::sum);
      var counts = new LinkedHashMap<>(outcome.counts());
      counts.put("price", prices);
      var patched = new SearchStatement.Outcome(outcome.items(), outcome.total(), counts, outcome.dependencies());
      return new Answer(asked, new Run(run.plan(), patched, run.unit()), correctedQuery, didYouMean, dependencies);
    }
  }

  record Run(SearchPlan plan, SearchStatement.Outcome outcome, long unit) {
    long total() {
      return outcome.total();
    }

    /** This run, depending also on the products of {@code other} (run before it for the same request). */
    Run alsoOn(Run other) {
      var o = outcome;
      return new Run(plan, new SearchStatement.Outcome(o.items(), o.total(), o.counts(),
        o.dependencies().alsoOn(other.outcome().dependencies())), unit);
    }
  }
}
