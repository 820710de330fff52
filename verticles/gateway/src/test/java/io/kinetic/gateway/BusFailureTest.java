package io.kinetic.gateway;

import static io.kinetic.gateway.GatewayFixture.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kinetic.kernel.bus.Addresses;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A service that never answers: the gateway gives up after {@code bus.timeoutMillis}. */
class BusFailureTest {

  private static GatewayFixture gw;

  @BeforeAll
  static void start() throws Exception {
    gw = GatewayFixture.start(new JsonObject().put("bus", new JsonObject().put("timeoutMillis", 300)));
    gw.bus.silent(Addresses.Catalog.GET_PRODUCT);
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  @Test
  void aSilentServiceIs504BusTimeout() throws Exception {
    long started = System.nanoTime();
    var response = gw.get("/api/v1/products/" + UUID.randomUUID());
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertEquals(504, response.statusCode());
    JsonObject problem = problem(response);
    assertEquals("BUS_TIMEOUT", problem.getString("code"));
    assertEquals(problem.getString("correlationId"), response.getHeader("X-Correlation-Id"));
    assertEquals(1, gw.bus.count(Addresses.Catalog.GET_PRODUCT));
    assertEquals(true, millis >= 250 && millis < 5000, "took " + millis + " ms");
  }
}
