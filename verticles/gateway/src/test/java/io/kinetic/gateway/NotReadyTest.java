package io.kinetic.gateway;

import static io.kinetic.gateway.GatewayFixture.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kinetic.kernel.embedded.FreePorts;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A gateway whose PostgreSQL is unreachable: ready says which dependency is down; GraphiQL is off by default. */
class NotReadyTest {

  private static GatewayFixture gw;

  @BeforeAll
  static void start() throws Exception {
    int closed = FreePorts.find();
    gw = GatewayFixture.start(new JsonObject().put("pg", new JsonObject().put("url", "postgresql://nobody@127.0.0.1:" + closed + "/none")));
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  @Test
  void readyIs503NamingPostgres() throws Exception {
    var ready = gw.get("/health/ready");
    assertEquals(503, ready.statusCode());
    assertEquals("DOWN", ready.bodyAsJsonObject().getString("status"));
    assertEquals(new JsonObject().put("postgresql", "DOWN").put("redis", "UP"), ready.bodyAsJsonObject().getJsonObject("checks"));
    assertEquals(200, gw.get("/health/live").statusCode());
  }

  @Test
  void graphiqlIsOffOutsideTheDevProfile() throws Exception {
    var page = gw.get("/graphiql/");
    assertEquals(404, page.statusCode());
    assertEquals("NOT_FOUND", problem(page).getString("code"));
  }
}
