package io.kinetic.server;

import io.kinetic.analytics.AnalyticsModule;
import io.kinetic.cart.CartModule;
import io.kinetic.catalog.CatalogModule;
import io.kinetic.checkout.CheckoutModule;
import io.kinetic.gateway.GatewayModule;
import io.kinetic.identity.IdentityModule;
import io.kinetic.media.MediaModule;
import io.kinetic.recommendations.RecommendationsModule;
import io.kinetic.kernel.contract.Contract;
import io.kinetic.kernel.contract.ContextModule;
import io.kinetic.notifications.NotificationsModule;
import io.kinetic.search.SearchModule;
import java.util.List;

/**
 * The bounded contexts of the engine, listed once, in deploy order: from this list the server
 * migrates the schemas, registers the bus codecs and deploys each context (with its event log).
 * The gateway, the only HTTP listener, comes last, so no request arrives before its handler
 * exists, and is undeployed first.
 */
final class Modules {

  static final List<ContextModule> SERVICES = List.of(new CatalogModule(), new IdentityModule(), new CartModule(),
    new CheckoutModule(), new SearchModule(), new AnalyticsModule(), new NotificationsModule(), new RecommendationsModule(), new MediaModule());
  static final ContextModule EDGE = new GatewayModule();

  private Modules() {
  }

  static List<ContextModule> all() {
    return java.util.stream.Stream.concat(SERVICES.stream(), java.util.stream.Stream.of(EDGE)).toList();
  }

  static List<Contract> contracts() {
    return all().stream().map(ContextModule::contract).toList();
  }
}
