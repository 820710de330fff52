package io.kinetic.gateway.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.gateway.GatewayFixture;
import io.kinetic.gateway.Samples;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.CategoryList;
import io.kinetic.kernel.contract.catalog.GetProduct;
import io.kinetic.kernel.contract.catalog.ListCategories;
import io.kinetic.kernel.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Stopping the gateway closes its WebSocket connections (1001) and leaves no event-bus consumer behind. */
class SubscriptionShutdownTest {

  @Test
  void undeployingTheGatewayEndsItsSubscriptionsAndUnregistersTheirConsumers() throws Exception {
    try (var gw = GatewayFixture.start()) {
      gw.bus.<GetProduct>on(CatalogApi.GET_PRODUCT, q -> Samples.view(q.id(), "shirt", q.locale(), List.of()));
      gw.bus.<ListCategories>on(CatalogApi.LIST_CATEGORIES, q -> new CategoryList(List.of()));
      LiveStats stats = LiveStats.of(gw.vertx);
      var clients = List.of(GraphQlWsClient.connect(gw.vertx, gw.port).initAndAck(null),
        GraphQlWsClient.connect(gw.vertx, gw.port).initAndAck(null), GraphQlWsClient.connect(gw.vertx, gw.port).initAndAck(null));
      for (GraphQlWsClient client : clients) {
        client.subscribe("p", "subscription($id: ID!) { productChanged(id: $id) { state } }",
          new JsonObject().put("id", UUID.randomUUID().toString()));
      }
      Eventually.until("all listen", () -> stats.streams() == clients.size());
      assertTrue(stats.consumers(CatalogApi.Events.PRICE_CHANGED) >= 1);

      Future.all(gw.vertx.deploymentIDs().stream().map(id -> gw.vertx.undeploy(id)).toList()).await(30, TimeUnit.SECONDS);

      for (GraphQlWsClient client : clients) {
        assertEquals(1001, client.closeCode(), "going away");
        client.close();
      }
      assertEquals(0, stats.streams());
      assertEquals(0, stats.operations());
      assertEquals(0, stats.connections());
      for (String address : List.of(CatalogApi.Events.PRODUCT_UPDATED, CatalogApi.Events.PRICE_CHANGED,
        CatalogApi.Events.STOCK_CHANGED, CatalogApi.Events.PRODUCT_DELETED)) {
        assertEquals(0, stats.consumers(address), address);
      }
    }
  }
}
