package io.kinetic.gateway.notifications;

import io.kinetic.gateway.edge.Edge;
import io.kinetic.gateway.edge.EdgeContext;
import io.kinetic.gateway.edge.EdgeHandlers;
import io.kinetic.gateway.edge.GraphQlApi;
import io.kinetic.kernel.contract.Contract;
import io.kinetic.kernel.contract.notifications.NotificationsApi;
import java.util.List;

/**
 * The notifications' edge: staff's list of the transactional e-mails and one mail as sent, over
 * REST ({@code openapi/notifications.yaml}) and the admin GraphQL API
 * ({@code graphql/notifications/admin.graphqls}), translated into {@link NotificationsApi} requests.
 */
public final class NotificationsEdge implements Edge {

  @Override
  public String name() {
    return "notifications";
  }

  @Override
  public List<Contract> contracts() {
    return List.of(NotificationsApi.CONTRACT);
  }

  @Override
  public List<String> openApiFragments() {
    return List.of("openapi/notifications.yaml");
  }

  @Override
  public List<String> graphqlFragments(GraphQlApi api) {
    return api == GraphQlApi.ADMIN ? List.of("graphql/notifications/admin.graphqls") : List.of();
  }

  @Override
  public EdgeHandlers handlers(EdgeContext context) {
    return new MailHandlers(context.bus());
  }
}
