package io.kinetic.gateway.recommendations;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.kinetic.gateway.Bodies;
import io.kinetic.gateway.Principal;
import io.kinetic.gateway.Replies;
import io.kinetic.gateway.Requests;
import io.kinetic.gateway.edge.EdgeContext;
import io.kinetic.gateway.edge.EdgeHandlers;
import io.kinetic.gateway.edge.GraphQlApi;
import io.kinetic.gateway.edge.RestOperations;
import io.kinetic.gateway.graphql.Gql;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.contract.recommendations.BehaviourEvent;
import io.kinetic.kernel.contract.recommendations.GetRecommenderReport;
import io.kinetic.kernel.contract.recommendations.Recommend;
import io.kinetic.kernel.contract.recommendations.RecommendationRow;
import io.kinetic.kernel.contract.recommendations.Recommendations;
import io.kinetic.kernel.contract.recommendations.RecommendationsApi;
import io.kinetic.kernel.contract.recommendations.RecordEvents;
import io.kinetic.kernel.contract.recommendations.Situation;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.id.Ids;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The recommendations edge in one gateway instance: each route and field is one bus request.
 * Recommendations may be personal (by session): {@code Cache-Control: private, no-store}.
 */
final class RecommendationsHandlers implements EdgeHandlers {

  /** The body of {@code POST /api/v1/events} (validated against the contract first). */
  record EventBatch(String sessionId, List<BehaviourEvent> events) {
  }

  /** The REST shape of {@link Recommendations}: the situation as the query names it. */
  record RecommendationsReply(String situation, String arm, List<RecommendationRow> rows) {
  }

  private final EdgeContext context;
  private final BusClient bus;

  RecommendationsHandlers(EdgeContext context) {
    this.context = context;
    this.bus = context.bus();
  }

  @Override
  public void bindOperations(RestOperations operations) {
    operations.bind("recordEvents", rc -> {
      EventBatch body = Bodies.read(rc, EventBatch.class);
      var batch = new RecordEvents(body.sessionId(), customer(Requests.principal(rc)), context.clientAddress().of(rc), body.events());
      bus.request(RecommendationsApi.RECORD_EVENTS, batch, Requests.caller(rc))
        .onComplete(Replies.to(rc, (r, recorded) -> Replies.json(r, 202, recorded)));
    });
    operations.bind("getRecommendations", rc -> {
      MultiMap q = rc.queryParams();
      var request = new Recommend(Situation.valueOf(q.get("situation").toUpperCase(Locale.ROOT)), q.get("session"),
        uuid("productId", q.get("productId")), uuid("categoryId", q.get("categoryId")), cart(q.get("cart")),
        q.get("limit") == null ? 8 : Integer.parseInt(q.get("limit")), context.locales().of(rc.request()), q.get("currency"));
      bus.request(RecommendationsApi.RECOMMEND, request, Requests.caller(rc))
        .onComplete(Replies.to(rc, (r, reply) -> {
          r.response().putHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
          Replies.ok(r, new RecommendationsReply(reply.situation().name().toLowerCase(Locale.ROOT), reply.arm(), reply.rows()));
        }));
    });
    operations.bind("adminRecommenderReport", rc -> {
      MultiMap q = rc.queryParams();
      var request = new GetRecommenderReport(q.get("days") == null ? 30 : Integer.parseInt(q.get("days")),
        q.get("holdoutPercent") == null ? 20 : Integer.parseInt(q.get("holdoutPercent")));
      bus.request(RecommendationsApi.GET_REPORT, request, Requests.caller(rc)).onComplete(Replies.to(rc, (r, report) -> {
        r.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        Replies.ok(r, report);
      }));
    });
  }

  @Override
  public void wire(GraphQlApi api, RuntimeWiring.Builder wiring) {
    if (api != GraphQlApi.SHOP) {
      return;
    }
    wiring.type("Query", t -> t.dataFetcher("recommendations", this::recommendations));
  }

  private Future<Recommendations> recommendations(DataFetchingEnvironment env) {
    List<String> cartIds = env.getArgument("cartProductIds");
    List<UUID> cart = null;
    if (cartIds != null) {
      cart = new ArrayList<>();
      for (String id : cartIds) {
        cart.add(Gql.id("cartProductIds", id));
      }
    }
    Object product = env.getArgument("productId");
    Object category = env.getArgument("categoryId");
    Integer limit = env.getArgument("limit");
    var request = new Recommend(Situation.valueOf(env.getArgument("situation").toString()), env.getArgument("sessionId"),
      product == null ? null : Gql.id("productId", product), category == null ? null : Gql.id("categoryId", category), cart,
      limit == null ? 8 : limit, Gql.locale(env, context.locales()), env.getArgument("currency"));
    return bus.request(RecommendationsApi.RECOMMEND, request, Gql.caller(env));
  }

  private static UUID customer(Principal principal) {
    return principal != null && principal.realm() == Realm.CUSTOMER ? principal.id() : null;
  }

  private static UUID uuid(String field, String value) {
    return value == null ? null : Ids.parse(value).orElseThrow(() -> Failure.invalid(field, "must be a UUID"));
  }

  private static List<UUID> cart(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    var out = new ArrayList<UUID>();
    for (String id : value.split(",")) {
      out.add(uuid("cart", id));
    }
    return out;
  }
}
