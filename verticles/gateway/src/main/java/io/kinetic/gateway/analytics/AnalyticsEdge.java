package io.kinetic.gateway.analytics;

import io.kinetic.gateway.edge.Edge;
import io.kinetic.gateway.edge.EdgeContext;
import io.kinetic.gateway.edge.EdgeHandlers;
import io.kinetic.gateway.edge.GraphQlApi;
import io.kinetic.kernel.contract.Contract;
import io.kinetic.kernel.contract.analytics.AnalyticsApi;
import java.util.List;

/**
 * The analytics' edge: the sales dashboard for admins over REST ({@code openapi/analytics.yaml})
 * and the admin GraphQL API ({@code graphql/analytics/admin.graphqls}), translated into
 * {@link AnalyticsApi#DASHBOARD} requests.
 */
public final class AnalyticsEdge implements Edge {

  @Override
  public String name() {
    return "analytics";
  }

  @Override
  public List<Contract> contracts() {
    return List.of(AnalyticsApi.CONTRACT);
  }

  @Override
  public List<String> openApiFragments() {
    return List.of("openapi/analytics.yaml");
  }

  @Override
  public List<String> graphqlFragments(GraphQlApi api) {
    return api == GraphQlApi.ADMIN ? List.of("graphql/analytics/admin.graphqls") : List.of();
  }

  @Override
  public EdgeHandlers handlers(EdgeContext context) {
    return new AnalyticsHandlers(context);
  }
}
