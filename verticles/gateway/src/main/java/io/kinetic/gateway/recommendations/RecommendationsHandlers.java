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
import io.kinetic.gateway.graphql.ResultCache;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.contract.cart.CartView;
import io.kinetic.kernel.contract.catalog.ProductView;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.contract.recommendations.BehaviourEvent;
import io.kinetic.kernel.contract.recommendations.GetRecommenderReport;
import io.kinetic.kernel.contract.recommendations.GetRecommenderSettings;
import io.kinetic.kernel.contract.recommendations.SetRecommenderSettings;
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

  /** The GraphQL shape of a row: with the arm that served it (as REST rows carry it in their answer). */
  record ArmedRow(String kind, String model, String arm, List<io.kinetic.kernel.contract.recommendations.RecommendedProduct> items) {
    static ArmedRow of(RecommendationRow row, String arm) {
      return new ArmedRow(row.kind(), row.model(), arm, row.items());
    }
  }

  /** The GraphQL shape of {@link Recommendations}: each row with the arm. */
  record ArmedRecommendations(Situation situation, String arm, List<ArmedRow> rows) {
    static ArmedRecommendations of(Recommendations reply) {
      return new ArmedRecommendations(reply.situation(), reply.arm(),
        reply.rows().stream().map(row -> ArmedRow.of(row, reply.arm())).toList());
    }
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
      // a signed-in shopper's token (optional) names the customer: the admin's online figures link their orders to the session
      context.access().optionalPrincipal(rc)
        .compose(principal -> bus.request(RecommendationsApi.RECORD_EVENTS,
          new RecordEvents(body.sessionId(), customer(principal), context.clientAddress().of(rc), body.events()), Requests.caller(rc)))
        .onComplete(Replies.to(rc, (r, recorded) -> Replies.json(r, 202, recorded)));
    });
    operations.bind("getRecommendations", rc -> {
      MultiMap q = rc.queryParams();
      var situation = Situation.valueOf(q.get("situation").toUpperCase(Locale.ROOT));
      UUID productId = uuid("productId", q.get("productId"));
      UUID categoryId = uuid("categoryId", q.get("categoryId"));
      List<UUID> cart = cart(q.get("cart"));
      int limit = q.get("limit") == null ? 8 : Integer.parseInt(q.get("limit"));
      String locale = context.locales().of(rc.request());
      // a signed-in shopper's token (optional): what they bought before is left out of the rows
      // the context names the cart's products "cartProductIds" (GraphQL's argument); here they are "cart"
      Replies.named(context.access().optionalPrincipal(rc)
        .compose(principal -> bus.request(RecommendationsApi.RECOMMEND, new Recommend(situation, q.get("session"), productId,
          categoryId, cart, limit, locale, q.get("currency"), customer(principal)), Requests.caller(rc))),
          field -> "cartProductIds".equals(field) ? "cart" : field)
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
    operations.bind("getRecommenderSettings", rc -> bus.request(RecommendationsApi.GET_SETTINGS, new GetRecommenderSettings(),
      Requests.caller(rc)).onComplete(Replies.to(rc, (r, settings) -> {
        r.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        Replies.ok(r, settings);
      })));
    operations.bind("setRecommenderSettings", rc -> {
      SetRecommenderSettings body = Bodies.read(rc, SetRecommenderSettings.class);
      bus.request(RecommendationsApi.SET_SETTINGS, body, Requests.caller(rc)).onComplete(Replies.to(rc, Replies::ok));
    });
  }

  @Override
  public void wire(GraphQlApi api, RuntimeWiring.Builder wiring) {
    if (api != GraphQlApi.SHOP) {
      return;
    }
    wiring.type("Query", t -> t.dataFetcher("recommendations", this::recommendations)
        .dataFetcher("recommendedForYou", this::recommendedForYou))
      .type("Product", t -> t.dataFetcher("similar", env -> productRow(env, "similar"))
        .dataFetcher("boughtTogether", env -> productRow(env, "bought-together")))
      .type("Cart", t -> t.dataFetcher("complements", this::complements));
  }

  /** {@code Query.recommendedForYou}: the HOME situation's one row. */
  private Future<ArmedRow> recommendedForYou(DataFetchingEnvironment env) {
    var request = new Recommend(Situation.HOME, env.getArgument("sessionId"), null, null, null, limit(env),
      Gql.locale(env, context.locales()), env.getArgument("currency"));
    return bus.request(RecommendationsApi.RECOMMEND, request, Gql.caller(env)).map(reply -> only(reply, "for-you"));
  }

  /** {@code Product.similar} / {@code Product.boughtTogether}: one row of the PRODUCT situation, in the product's locale. */
  private Future<ArmedRow> productRow(DataFetchingEnvironment env, String kind) {
    ProductView product = env.getSource();
    // a cached product query would keep serving rows the models have since moved past
    ResultCache.uncacheable(env);
    var request = new Recommend(Situation.PRODUCT, env.getArgument("sessionId"), product.id(), null, null, limit(env),
      product.locale(), env.getArgument("currency"));
    return bus.request(RecommendationsApi.RECOMMEND, request, Gql.caller(env)).map(reply -> only(reply, kind));
  }

  /** {@code Cart.complements}: the CART situation for the cart's products, in its currency. */
  private Future<ArmedRow> complements(DataFetchingEnvironment env) {
    CartView cart = env.getSource();
    var products = new java.util.LinkedHashSet<UUID>();
    cart.lines().forEach(line -> {
      if (line.productId() != null) {
        products.add(line.productId());
      }
    });
    int limit = limit(env);
    if (products.isEmpty()) {
      if (limit < 1 || limit > 24) {
        return Future.failedFuture(Failure.invalid("limit", "must be 1 to 24"));
      }
      return Future.succeededFuture(new ArmedRow("complements", "none", null, List.of()));
    }
    var request = new Recommend(Situation.CART, env.getArgument("sessionId"), null, null, new ArrayList<>(products), limit,
      Gql.locale(env, context.locales()), cart.currency());
    return bus.request(RecommendationsApi.RECOMMEND, request, Gql.caller(env)).map(reply -> only(reply, "complements"));
  }

  private static int limit(DataFetchingEnvironment env) {
    Integer limit = env.getArgument("limit");
    return limit == null ? 8 : limit;
  }

  private static ArmedRow only(Recommendations reply, String kind) {
    return ArmedRow.of(reply.rows().stream().filter(r -> r.kind().equals(kind)).findFirst()
      .orElseGet(() -> new RecommendationRow(kind, "none", List.of())), reply.arm());
  }

  private Future<ArmedRecommendations> recommendations(DataFetchingEnvironment env) {
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
    return bus.request(RecommendationsApi.RECOMMEND, request, Gql.caller(env)).map(ArmedRecommendations::of);
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
