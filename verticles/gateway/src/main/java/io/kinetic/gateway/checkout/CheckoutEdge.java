package io.kinetic.gateway.checkout;

import io.kinetic.gateway.edge.Edge;
import io.kinetic.gateway.edge.EdgeContext;
import io.kinetic.gateway.edge.EdgeHandlers;
import io.kinetic.gateway.edge.GraphQlApi;
import io.kinetic.kernel.contract.Contract;
import io.kinetic.kernel.contract.checkout.CheckoutApi;
import java.util.List;

/**
 * The checkout's edge: quotes, placing and paying orders, the shopper's and staff's orders, the
 * tax and shipping settings over REST ({@code openapi/checkout.yaml}) and both GraphQL APIs
 * ({@code graphql/checkout/*.graphqls}), and Stripe's webhook ({@code POST /webhooks/stripe}, raw
 * body), translated into {@link CheckoutApi} requests.
 */
public final class CheckoutEdge implements Edge {

  @Override
  public String name() {
    return "checkout";
  }

  @Override
  public List<Contract> contracts() {
    return List.of(CheckoutApi.CONTRACT);
  }

  @Override
  public List<String> openApiFragments() {
    return List.of("openapi/checkout.yaml");
  }

  @Override
  public List<String> graphqlFragments(GraphQlApi api) {
    return List.of("graphql/checkout/types.graphqls", switch (api) {
      case SHOP -> "graphql/checkout/shop.graphqls";
      case ADMIN -> "graphql/checkout/admin.graphqls";
    });
  }

  @Override
  public EdgeHandlers handlers(EdgeContext context) {
    return new CheckoutHandlers(context);
  }
}
