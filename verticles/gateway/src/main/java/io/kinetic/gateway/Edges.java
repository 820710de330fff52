package io.kinetic.gateway;

import io.kinetic.gateway.analytics.AnalyticsEdge;
import io.kinetic.gateway.cart.CartEdge;
import io.kinetic.gateway.catalog.CatalogEdge;
import io.kinetic.gateway.checkout.CheckoutEdge;
import io.kinetic.gateway.edge.Edge;
import io.kinetic.gateway.identity.IdentityEdge;
import io.kinetic.gateway.media.MediaEdge;
import io.kinetic.gateway.notifications.NotificationsEdge;
import io.kinetic.gateway.ops.OpsEdge;
import io.kinetic.gateway.search.SearchEdge;
import io.kinetic.gateway.recommendations.RecommendationsEdge;
import io.kinetic.kernel.contract.Contract;
import java.util.List;

/**
 * The contexts' edges the gateway serves, listed once, in the order their contract fragments,
 * schema fragments and routes are merged. Adding a context's edge is its package under
 * {@code io.kinetic.gateway}, its fragments under {@code src/main/resources} and one entry here.
 */
public final class Edges {

  public static final List<Edge> ALL = List.of(new CatalogEdge(), new IdentityEdge(), new CartEdge(), new CheckoutEdge(),
    new SearchEdge(), new RecommendationsEdge(), new AnalyticsEdge(), new NotificationsEdge(), new MediaEdge(), new OpsEdge());

  private Edges() {
  }

  /** The bus contracts the edges speak, for codec registration. */
  public static List<Contract> contracts(List<Edge> edges) {
    return edges.stream().flatMap(edge -> edge.contracts().stream()).distinct().toList();
  }
}
