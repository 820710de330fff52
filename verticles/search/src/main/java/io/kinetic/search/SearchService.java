package io.kinetic.search;

import io.kinetic.kernel.contract.search.SearchQuery;
import io.kinetic.kernel.contract.search.SearchResult;
import io.kinetic.kernel.id.Ids;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.UUID;

/**
 * Searches: checks the request into a plan, runs its one statement and, when a plain query finds
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
                ResultCache<SearchQuery, Answer> cache, String defaultCurrency) {
    this.cache = cache;
    this.pool = pool;
    this.corrections = corrections;
    this.taxonomy = taxonomy;
    this.synonyms = synonyms;
    this.queryLog = queryLog;
    this.defaultCurrency = defaultCurrency;
  }

  Future<SearchResult> search(SearchQuery q) {
    Answer cached = cache.get(q);
    if (cached != null) {
      return Future.succeededFuture(reply(cached));
    }
    SearchPlan plan = SearchFacets.plan(q, taxonomy, synonyms, defaultCurrency);
    long generation = cache.generation();
    return answer(plan).map(answer -> {
      cache.put(q, answer, generation);
      return reply(answer);
    });
  }

  private Future<Answer> answer(SearchPlan plan) {
    return run(plan).compose(outcome -> {
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
        return run(retry).map(second -> second.total() == 0 ? new Answer(plan, outcome, null, null)
          : new Answer(plan, second, corrected, corrected));
      });
    });
  }

  private Future<Run> run(SearchPlan plan) {
    var statement = new SearchStatement(plan, List.copyOf(taxonomy.facetAttributes().keySet()));
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
  record Answer(SearchPlan asked, Run run, String correctedQuery, String didYouMean) {
  }

  record Run(SearchPlan plan, SearchStatement.Outcome outcome, long unit) {
    long total() {
      return outcome.total();
    }
  }
}
