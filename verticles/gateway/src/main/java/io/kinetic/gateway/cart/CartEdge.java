package io.kinetic.gateway.cart;

import io.kinetic.gateway.edge.Edge;
import io.kinetic.gateway.edge.EdgeContext;
import io.kinetic.gateway.edge.EdgeHandlers;
import io.kinetic.gateway.edge.GraphQlApi;
import io.kinetic.kernel.contract.Contract;
import io.kinetic.kernel.contract.cart.CartApi;
import java.util.List;

/**
 * The cart's edge: the shopper's cart, merging on login and the wishlist, over REST
 * ({@code openapi/cart.yaml}) and the shop GraphQL API ({@code graphql/cart/shop.graphqls}),
 * translated into {@link CartApi} requests. Whose cart a request names comes from its credentials
 * only: the customer of a verified access token, else the guest token of {@code X-Cart-Token}.
 */
public final class CartEdge implements Edge {

  @Override
  public String name() {
    return "cart";
  }

  @Override
  public List<Contract> contracts() {
    return List.of(CartApi.CONTRACT);
  }

  @Override
  public List<String> openApiFragments() {
    return List.of("openapi/cart.yaml");
  }

  @Override
  public List<String> graphqlFragments(GraphQlApi api) {
    return switch (api) {
      case SHOP -> List.of("graphql/cart/shop.graphqls");
      case ADMIN -> List.of();
    };
  }

  @Override
  public EdgeHandlers handlers(EdgeContext context) {
    return new CartHandlers(context);
  }
}
