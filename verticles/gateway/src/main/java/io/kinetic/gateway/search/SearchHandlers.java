package io.kinetic.gateway.search;

import graphql.schema.idl.RuntimeWiring;
import io.kinetic.gateway.Bodies;
import io.kinetic.gateway.Replies;
import io.kinetic.gateway.Requests;
import io.kinetic.gateway.edge.EdgeContext;
import io.kinetic.gateway.edge.EdgeHandlers;
import io.kinetic.gateway.edge.GraphQlApi;
import io.kinetic.gateway.edge.RestOperations;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.contract.search.DeleteSynonym;
import io.kinetic.kernel.contract.search.GetReindexStatus;
import io.kinetic.kernel.contract.search.GetSearchAnalytics;
import io.kinetic.kernel.contract.search.ListSynonyms;
import io.kinetic.kernel.contract.search.RecordClick;
import io.kinetic.kernel.contract.search.Reindex;
import io.kinetic.kernel.contract.search.SaveSynonym;
import io.kinetic.kernel.contract.search.SearchApi;
import io.kinetic.kernel.contract.search.Suggest;
import io.kinetic.kernel.error.Failure;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;

/**
 * The search edge in one gateway instance: each REST operation and GraphQL field
 * ({@link SearchFetchers}) is one bus request. Results and suggestions are public and short-lived
 * ({@code Cache-Control: public, max-age=1}, suggestions 5); staff answers are not stored.
 */
final class SearchHandlers implements EdgeHandlers {

  record SynonymInput(String locale, List<String> terms) {
  }

  private final EdgeContext context;
  private final BusClient bus;

  SearchHandlers(EdgeContext context) {
    this.context = context;
    this.bus = context.bus();
  }

  @Override
  public void bindOperations(RestOperations operations) {
    // unvalidated: a query may hold anything (quotes too); the parameters are checked here and by search
    operations.bindUnvalidated("searchProducts", rc -> {
      var query = SearchRequests.fromQuery(rc.queryParams(), locale(rc));
      bus.request(SearchApi.SEARCH, query, Requests.caller(rc)).onComplete(Replies.to(rc, (r, result) -> cacheable(r, result, 1)));
    });
    operations.bindUnvalidated("suggestProducts", rc -> {
      String q = rc.queryParams().get("q");
      if (q == null) {
        throw Failure.invalid("q", "is required");
      }
      bus.request(SearchApi.SUGGEST, new Suggest(q, locale(rc), SearchRequests.suggestLimit(SearchRequests.intParam(rc.queryParams(), "limit", 0),
          rc.queryParams().contains("limit"))),
          Requests.caller(rc))
        .onComplete(Replies.to(rc, (r, suggestions) -> cacheable(r, suggestions, 5)));
    });
    operations.bind("recordSearchClick", rc -> bus.request(SearchApi.RECORD_CLICK, Bodies.read(rc, RecordClick.class),
        Requests.caller(rc))
      .onComplete(Replies.to(rc, SearchHandlers::staff)));
    operations.bind("getSearchReindexStatus", rc -> bus.request(SearchApi.GET_REINDEX_STATUS, new GetReindexStatus(),
        Requests.caller(rc))
      .onComplete(Replies.to(rc, SearchHandlers::staff)));
    operations.bind("reindexSearch", rc -> bus.request(SearchApi.REINDEX, new Reindex(), Requests.caller(rc))
      .onComplete(Replies.to(rc, (r, status) -> {
        r.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        Replies.json(r, 202, status);
      })));
    operations.bind("listSearchSynonyms", rc -> bus.request(SearchApi.LIST_SYNONYMS,
        new ListSynonyms(rc.queryParams().get("locale")), Requests.caller(rc))
      .onComplete(Replies.to(rc, SearchHandlers::staff)));
    operations.bind("createSearchSynonym", rc -> {
      SynonymInput input = Bodies.read(rc, SynonymInput.class);
      bus.request(SearchApi.SAVE_SYNONYM, new SaveSynonym(null, input.locale(), input.terms()), Requests.caller(rc))
        .onComplete(Replies.to(rc, (r, saved) -> {
          r.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
          Replies.created(r, saved);
        }));
    });
    operations.bind("updateSearchSynonym", rc -> {
      SynonymInput input = Bodies.read(rc, SynonymInput.class);
      bus.request(SearchApi.SAVE_SYNONYM, new SaveSynonym(synonymId(rc), input.locale(), input.terms()), Requests.caller(rc))
        .onComplete(Replies.to(rc, SearchHandlers::staff));
    });
    operations.bind("deleteSearchSynonym", rc -> bus.request(SearchApi.DELETE_SYNONYM, new DeleteSynonym(synonymId(rc)),
        Requests.caller(rc))
      .onComplete(Replies.to(rc, (r, deleted) -> Replies.noContent(r))));
    operations.bind("getSearchAnalytics", rc -> {
      String days = rc.queryParams().get("days");
      String limit = rc.queryParams().get("limit");
      bus.request(SearchApi.GET_ANALYTICS, new GetSearchAnalytics(days == null ? 30 : Integer.parseInt(days),
          limit == null ? 20 : Integer.parseInt(limit)), Requests.caller(rc))
        .onComplete(Replies.to(rc, SearchHandlers::staff));
    });
  }

  @Override
  public void wire(GraphQlApi api, RuntimeWiring.Builder wiring) {
    switch (api) {
      case SHOP -> new SearchFetchers(context).wireShop(wiring);
      case ADMIN -> new SearchFetchers(context).wireAdmin(wiring);
    }
  }

  private String locale(RoutingContext rc) {
    return context.locales().of(rc.request());
  }

  /** Validated by the contract (a UUID) before the handler runs. */
  private static UUID synonymId(RoutingContext rc) {
    try {
      return UUID.fromString(rc.pathParam("synonymId"));
    } catch (IllegalArgumentException e) {
      throw Failure.invalid("synonymId", "must be a UUID");
    }
  }

  /** Public and short-lived: results follow the catalog within a second, suggestions within seconds. */
  private static void cacheable(RoutingContext rc, Object body, int seconds) {
    rc.response().putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=" + seconds);
    Replies.ok(rc, body);
  }

  private static void staff(RoutingContext rc, Object body) {
    rc.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    Replies.ok(rc, body);
  }
}
