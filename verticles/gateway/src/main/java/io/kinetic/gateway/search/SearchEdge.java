package io.kinetic.gateway.search;

import io.kinetic.gateway.edge.Edge;
import io.kinetic.gateway.edge.EdgeContext;
import io.kinetic.gateway.edge.EdgeHandlers;
import io.kinetic.gateway.edge.GraphQlApi;
import io.kinetic.kernel.contract.Contract;
import io.kinetic.kernel.contract.search.SearchApi;
import java.util.List;

/**
 * The search edge: product search, autocomplete and result clicks for shoppers, the index's
 * rebuild, synonyms and analytics for staff, over REST ({@code openapi/search.yaml}) and both
 * GraphQL APIs ({@code graphql/search/*.graphqls}), translated into {@link SearchApi} requests.
 */
public final class SearchEdge implements Edge {

  @Override
  public String name() {
    return "search";
  }

  @Override
  public List<Contract> contracts() {
    return List.of(SearchApi.CONTRACT);
  }

  @Override
  public List<String> openApiFragments() {
    return List.of("openapi/search.yaml");
  }

  @Override
  public List<String> graphqlFragments(GraphQlApi api) {
    return List.of("graphql/search/types.graphqls", switch (api) {
      case SHOP -> "graphql/search/shop.graphqls";
      case ADMIN -> "graphql/search/admin.graphqls";
    });
  }

  @Override
  public EdgeHandlers handlers(EdgeContext context) {
    return new SearchHandlers(context);
  }
}
