package io.kinetic.kernel.contract.search;

import io.kinetic.kernel.bus.Endpoint;
import io.kinetic.kernel.contract.Contract;
import io.kinetic.kernel.contract.Deleted;

/**
 * The search context's bus contract: full-text product search with facets, autocomplete, the
 * staff's synonyms and rebuild of the index, and query analytics. The search context runs on every
 * node (its index is shared in PostgreSQL or OpenSearch), so requests stay on the caller's node.
 * It publishes no events: it consumes the catalog's event log.
 */
public final class SearchApi {

  /** Published products matching the query and filters; an empty query is a browse. */
  public static final Endpoint<SearchQuery, SearchResult> SEARCH =
    Endpoint.local("search.search", SearchQuery.class, SearchResult.class);
  /** Product names, categories and brands starting with (or close to) the typed prefix, from two letters. */
  public static final Endpoint<Suggest, Suggestions> SUGGEST =
    Endpoint.local("search.suggest", Suggest.class, Suggestions.class);
  /** Starts a full rebuild from the catalog (searches go on); replies the status at once. */
  public static final Endpoint<Reindex, ReindexStatus> REINDEX =
    Endpoint.local("search.reindex", Reindex.class, ReindexStatus.class);
  public static final Endpoint<GetReindexStatus, ReindexStatus> GET_REINDEX_STATUS =
    Endpoint.local("search.get-reindex-status", GetReindexStatus.class, ReindexStatus.class);
  public static final Endpoint<ListSynonyms, SynonymList> LIST_SYNONYMS =
    Endpoint.local("search.list-synonyms", ListSynonyms.class, SynonymList.class);
  public static final Endpoint<SaveSynonym, Synonym> SAVE_SYNONYM =
    Endpoint.local("search.save-synonym", SaveSynonym.class, Synonym.class);
  public static final Endpoint<DeleteSynonym, Deleted> DELETE_SYNONYM =
    Endpoint.local("search.delete-synonym", DeleteSynonym.class, Deleted.class);
  public static final Endpoint<GetSearchAnalytics, SearchAnalytics> GET_ANALYTICS =
    Endpoint.local("search.get-analytics", GetSearchAnalytics.class, SearchAnalytics.class);
  /** A shopper opened a result of a search (click-through); no personal data is kept. */
  public static final Endpoint<RecordClick, ClickRecorded> RECORD_CLICK =
    Endpoint.local("search.record-click", RecordClick.class, ClickRecorded.class);

  public static final Contract CONTRACT = Contract.of("search", null,
    SEARCH, SUGGEST, REINDEX, GET_REINDEX_STATUS, LIST_SYNONYMS, SAVE_SYNONYM, DELETE_SYNONYM, GET_ANALYTICS, RECORD_CLICK);

  private SearchApi() {
  }
}
