package io.kinetic.gateway.recommendations;

import io.kinetic.gateway.edge.Edge;
import io.kinetic.gateway.edge.EdgeContext;
import io.kinetic.gateway.edge.EdgeHandlers;
import io.kinetic.gateway.edge.GraphQlApi;
import io.kinetic.kernel.contract.Contract;
import io.kinetic.kernel.contract.recommendations.RecommendationsApi;
import java.util.List;

/**
 * The recommendations edge: the storefront's behaviour events ({@code POST /api/v1/events}),
 * recommendations per situation over REST ({@code openapi/recommendations.yaml}) and the shop's
 * GraphQL ({@code graphql/recommendations/shop.graphqls}), and the recommender's report for admins,
 * translated into {@link RecommendationsApi} requests.
 */
public final class RecommendationsEdge implements Edge {

  @Override
  public String name() {
    return "recommendations";
  }

  @Override
  public List<Contract> contracts() {
    return List.of(RecommendationsApi.CONTRACT);
  }

  @Override
  public List<String> openApiFragments() {
    return List.of("openapi/recommendations.yaml");
  }

  @Override
  public List<String> graphqlFragments(GraphQlApi api) {
    return switch (api) {
      case SHOP -> List.of("graphql/recommendations/shop.graphqls");
      case ADMIN -> List.of();
    };
  }

  @Override
  public EdgeHandlers handlers(EdgeContext context) {
    return new RecommendationsHandlers(context);
  }
}
