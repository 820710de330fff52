package io.kinetic.gateway.catalog;

import io.kinetic.gateway.edge.Edge;
import io.kinetic.gateway.edge.EdgeContext;
import io.kinetic.gateway.edge.EdgeHandlers;
import io.kinetic.gateway.edge.GraphQlApi;
import io.kinetic.kernel.contract.Contract;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import java.util.List;

/**
 * The catalog's edge: storefront product, category and attribute reads and the admin catalogue,
 * over REST ({@code openapi/catalog.yaml}) and GraphQL ({@code graphql/catalog/}), translated
 * into {@link CatalogApi} requests; the generated placeholder images of seeded media; and the
 * server-rendered heads of the storefront's product and category pages, the sitemap and robots.txt
 * ({@link ShopPages}).
 */
public final class CatalogEdge implements Edge {

  @Override
  public String name() {
    return "catalog";
  }

  @Override
  public List<Contract> contracts() {
    return List.of(CatalogApi.CONTRACT);
  }

  @Override
  public List<String> openApiFragments() {
    return List.of("openapi/catalog.yaml");
  }

  @Override
  public List<String> graphqlFragments(GraphQlApi api) {
    return List.of("graphql/catalog/types.graphqls", switch (api) {
      case SHOP -> "graphql/catalog/shop.graphqls";
      case ADMIN -> "graphql/catalog/admin.graphqls";
    });
  }

  @Override
  public EdgeHandlers handlers(EdgeContext context) {
    return new CatalogHandlers(context);
  }
}
