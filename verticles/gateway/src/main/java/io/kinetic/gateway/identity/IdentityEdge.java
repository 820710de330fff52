package io.kinetic.gateway.identity;

import io.kinetic.gateway.edge.Edge;
import io.kinetic.gateway.edge.EdgeContext;
import io.kinetic.gateway.edge.EdgeHandlers;
import io.kinetic.gateway.edge.GraphQlApi;
import io.kinetic.kernel.contract.Contract;
import io.kinetic.kernel.contract.identity.IdentityApi;
import java.util.List;

/**
 * The identity's edge: customer and staff accounts (register, login, refresh, logout, me, with the
 * refresh token in the body or in an HttpOnly cookie), staff management and the audit log, over
 * REST ({@code openapi/identity.yaml}) and GraphQL ({@code graphql/identity/}), translated into
 * {@link IdentityApi} requests.
 */
public final class IdentityEdge implements Edge {

  @Override
  public String name() {
    return "identity";
  }

  @Override
  public List<Contract> contracts() {
    return List.of(IdentityApi.CONTRACT);
  }

  @Override
  public List<String> openApiFragments() {
    return List.of("openapi/identity.yaml");
  }

  @Override
  public List<String> graphqlFragments(GraphQlApi api) {
    return List.of(switch (api) {
      case SHOP -> "graphql/identity/shop.graphqls";
      case ADMIN -> "graphql/identity/admin.graphqls";
    });
  }

  @Override
  public EdgeHandlers handlers(EdgeContext context) {
    return new IdentityHandlers(context);
  }
}
