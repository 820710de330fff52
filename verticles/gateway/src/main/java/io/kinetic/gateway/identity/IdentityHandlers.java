package io.kinetic.gateway.identity;

import graphql.schema.idl.RuntimeWiring;
import io.kinetic.gateway.edge.EdgeContext;
import io.kinetic.gateway.edge.EdgeHandlers;
import io.kinetic.gateway.edge.GraphQlApi;
import io.kinetic.gateway.edge.RestOperations;

/** The identity edge in one gateway instance: account and staff routes, account and staff fetchers. */
final class IdentityHandlers implements EdgeHandlers {

  private final EdgeContext context;

  IdentityHandlers(EdgeContext context) {
    this.context = context;
  }

  @Override
  public void bindOperations(RestOperations operations) {
    new AuthRoutes(context.bus(), context.clientAddress(), context.locales(), context.config().auth().refreshTtlSeconds()).bind(operations);
    new StaffRoutes(context.bus()).bind(operations);
    new AddressRoutes(context.bus()).bind(operations);
  }

  @Override
  public void wire(GraphQlApi api, RuntimeWiring.Builder wiring) {
    switch (api) {
      case SHOP -> new AccountFetchers(context.bus(), context.clientAddress(), context.locales()).wire(wiring);
      case ADMIN -> new StaffFetchers(context.bus()).wire(wiring);
    }
  }
}
