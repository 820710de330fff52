package io.kinetic.gateway.search;

import graphql.schema.idl.RuntimeWiring;
import io.kinetic.gateway.edge.EdgeContext;
import io.kinetic.gateway.graphql.Gql;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.contract.search.DeleteSynonym;
import io.kinetic.kernel.contract.search.GetReindexStatus;
import io.kinetic.kernel.contract.search.GetSearchAnalytics;
import io.kinetic.kernel.contract.search.ListSynonyms;
import io.kinetic.kernel.contract.search.Reindex;
import io.kinetic.kernel.contract.search.SaveSynonym;
import io.kinetic.kernel.contract.search.SearchApi;
import io.kinetic.kernel.contract.search.SearchQuery;
import io.kinetic.kernel.contract.search.SearchSort;
import io.kinetic.kernel.contract.search.Suggest;
import io.kinetic.kernel.contract.search.Suggestions;
import io.kinetic.kernel.contract.search.SynonymList;
import java.util.List;
import java.util.Map;

/**
 * Data fetchers of the search's GraphQL fields: {@code search} and {@code suggest} in the shop
 * schema, the rebuild, synonyms and analytics in the admin schema; each one bus request like the
 * REST operation it mirrors.
 */
final class SearchFetchers {

  private final EdgeContext context;
  private final BusClient bus;

  SearchFetchers(EdgeContext context) {
    this.context = context;
    this.bus = context.bus();
  }

  void wireShop(RuntimeWiring.Builder wiring) {
    wiring.type("Query", t -> t
      .dataFetcher("search", env -> {
        List<Map<String, Object>> filters = env.getArgument("filters");
        Number min = env.getArgument("minPrice");
        Number max = env.getArgument("maxPrice");
        Object sort = env.getArgument("sort");
        Integer page = env.getArgument("page");
        Integer pageSize = env.getArgument("pageSize");
        var query = new SearchQuery(env.getArgument("query"), Gql.locale(env, context.locales()), env.getArgument("currency"),
          SearchRequests.filters(filters), min == null ? null : min.longValue(), max == null ? null : max.longValue(),
          sort == null ? SearchSort.RELEVANCE : SearchSort.valueOf(sort.toString()), page == null ? 1 : page,
          pageSize == null ? SearchRequests.DEFAULT_PAGE_SIZE : pageSize);
        return bus.request(SearchApi.SEARCH, query, Gql.caller(env));
      })
      .dataFetcher("suggest", env -> {
        Integer limit = env.getArgument("limit");
        return bus.request(SearchApi.SUGGEST, new Suggest(env.getArgument("query"), Gql.locale(env, context.locales()),
          SearchRequests.suggestLimit(limit == null ? 0 : limit, limit != null)), Gql.caller(env)).map(Suggestions::items);
      }));
  }

  void wireAdmin(RuntimeWiring.Builder wiring) {
    wiring
      .type("Query", t -> t
        .dataFetcher("searchReindexStatus", env -> bus.request(SearchApi.GET_REINDEX_STATUS, new GetReindexStatus(), Gql.caller(env)))
        .dataFetcher("searchSynonyms", env -> bus.request(SearchApi.LIST_SYNONYMS, new ListSynonyms(env.getArgument("locale")),
          Gql.caller(env)).map(SynonymList::items))
        .dataFetcher("searchAnalytics", env -> {
          Integer days = env.getArgument("days");
          Integer limit = env.getArgument("limit");
          return bus.request(SearchApi.GET_ANALYTICS, new GetSearchAnalytics(days == null ? 30 : days, limit == null ? 20 : limit),
            Gql.caller(env));
        }))
      .type("Mutation", t -> t
        .dataFetcher("reindexSearch", Gql.mutation(env -> bus.request(SearchApi.REINDEX, new Reindex(), Gql.caller(env))))
        .dataFetcher("saveSearchSynonym", Gql.mutation(env -> {
          Object id = env.getArgument("id");
          return bus.request(SearchApi.SAVE_SYNONYM, new SaveSynonym(id == null ? null : Gql.id("id", id),
            env.getArgument("locale"), env.getArgument("terms")), Gql.caller(env));
        }))
        .dataFetcher("deleteSearchSynonym", Gql.mutation(env -> bus.request(SearchApi.DELETE_SYNONYM,
          new DeleteSynonym(Gql.id("id", env.getArgument("id"))), Gql.caller(env)))));
  }
}
