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
 * analytics.
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

  SearchService(Pool pool, Taxonomy taxonomy, Synonyms synonyms, QueryLog queryLog, Corrections corrections,
                String defaultCurrency) {
    this.pool = pool;
    this.corrections = corrections;
    this.taxonomy = taxonomy;
    this.synonyms = synonyms;
    this.queryLog = queryLog;
    this.defaultCurrency = defaultCurrency;
  }

  Future<SearchResult> search(SearchQuery q) {
    SearchPlan plan = SearchFacets.plan(q, taxonomy, synonyms, defaultCurrency);
    return run(plan).compose(outcome -> {
      if (plan.browse() || plan.operators() || outcome.total() > FEW_RESULTS) {
        return Future.succeededFuture(reply(plan, outcome, null, null));
      }
      return correct(plan.text()).compose(corrected -> {
        if (corrected == null) {
          return Future.succeededFuture(reply(plan, outcome, null, null));
        }
        if (outcome.total() > 0) {
          return Future.succeededFuture(reply(plan, outcome, null, corrected));
        }
        SearchPlan retry = plan.withText(corrected, synonyms.variants(corrected, plan.locale()));
        return run(retry).map(second -> second.total() == 0 ? reply(plan, outcome, null, null)
          : reply(plan, second, corrected, corrected));
      });
    });
  }

  private Future<Run> run(SearchPlan plan) {
    var statement = new SearchStatement(plan, List.copyOf(taxonomy.facetAttributes().keySet()));
    String sql = statement.sql();
    return pool.preparedQuery(sql).execute(statement.params())
      .map(rows -> new Run(plan, statement.read(rows), statement.unit()));
  }

  private SearchResult reply(SearchPlan asked, Run run, String correctedQuery, String didYouMean) {
    SearchStatement.Outcome outcome = run.outcome();
    UUID searchId = Ids.newId();
    if (!asked.browse() && asked.page() == 1) {
      queryLog.record(searchId, asked.text(), asked.locale(), outcome.total());
    }
    int pages = (int) Math.min(SearchQuery.MAX_PAGE, (outcome.total() + asked.pageSize() - 1) / asked.pageSize());
    return new SearchResult(asked.text(), correctedQuery, didYouMean, outcome.items(), outcome.total(), asked.page(),
      asked.pageSize(), pages, SearchFacets.facets(run.plan(), outcome.counts(), taxonomy, run.unit()), searchId);
  }

  private Future<String> correct(String text) {
    return corrections.correct(QueryText.words(text)).map(words -> words == null ? null : String.join(" ", words));
  }

  private record Run(SearchPlan plan, SearchStatement.Outcome outcome, long unit) {
    long total() {
      return outcome.total();
    }
  }
}
