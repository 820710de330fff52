package io.kinetic.gateway.ops;

import io.kinetic.gateway.edge.Edge;
import io.kinetic.gateway.edge.EdgeContext;
import io.kinetic.gateway.edge.EdgeHandlers;
import io.kinetic.gateway.edge.GraphQlApi;
import io.kinetic.gateway.edge.RestOperations;
import io.kinetic.kernel.contract.Contract;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.util.List;

/**
 * The engine's own operational endpoints: {@code /health/live} and {@code /health/ready},
 * {@code /metrics} (plain routes outside the contract) and the event logs' health for admins
 * ({@code openapi/ops.yaml}). It speaks the kernel's event-log protocol, whose codecs every
 * engine registers, so it lists no contract of its own.
 */
public final class OpsEdge implements Edge {

  @Override
  public String name() {
    return "ops";
  }

  @Override
  public List<Contract> contracts() {
    return List.of();
  }

  @Override
  public List<String> openApiFragments() {
    return List.of("openapi/ops.yaml");
  }

  @Override
  public List<String> graphqlFragments(GraphQlApi api) {
    return List.of();
  }

  @Override
  public EdgeHandlers handlers(EdgeContext context) {
    var health = HealthRoutes.create(context.vertx(), context.config());
    var events = new EventLogHealth(context.vertx(), context.bus());
    return new EdgeHandlers() {
      @Override
      public void bindOperations(RestOperations operations) {
        operations.bind("adminEventLogHealth", events::reply);
      }

      @Override
      public void mountRoutes(Router router) {
        health.mount(router);
        if (context.config().http().metrics()) {
          MetricsRoute.mount(router, context.vertx(), context.config().http().metricsToken(), context.access(), events);
        }
      }

      @Override
      public Future<Void> close() {
        return health.close();
      }
    };
  }
}
