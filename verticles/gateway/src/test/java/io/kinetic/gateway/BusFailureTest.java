package io.kinetic.gateway;

import static io.kinetic.gateway.GatewayFixture.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.GetProductBySlug;
import io.kinetic.kernel.contract.catalog.ProductView;
import io.kinetic.kernel.error.ErrorCode;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Services that fail badly: one never answers (the gateway gives up after {@code bus.timeoutMillis}),
 * one fails with internals in its message, one answers something that cannot be written as JSON.
 */
class BusFailureTest {

  private static final String SECRET = "ERROR: relation \"catalog.secret\" does not exist (db-7.internal:5432)";
  private static GatewayFixture gw;

  @BeforeAll
  static void start() throws Exception {
    gw = GatewayFixture.start(new JsonObject().put("bus", new JsonObject().put("timeoutMillis", 300)));
    gw.bus.silent(CatalogApi.GET_PRODUCT);
    gw.bus.on(CatalogApi.LIST_CATEGORIES, q -> ErrorCode.INTERNAL.failure(SECRET));
    // what a context answers when its PostgreSQL is at max_connections
    gw.bus.on(CatalogApi.LIST_PRODUCTS, q -> io.kinetic.kernel.error.Failure.from(
      new io.vertx.pgclient.PgException("sorry, too many clients already", "FATAL", "53300", "db-7.internal")));
    gw.bus.<GetProductBySlug>on(CatalogApi.GET_PRODUCT_BY_SLUG, q -> {
      ProductView v = Samples.view(UUID.randomUUID(), q.slug(), "en", List.of());
      return new ProductView(v.id(), v.slug(), v.status(), v.locale(), v.name(), v.description(), v.categoryIds(),
        Map.of("odd", new Object()), v.media(), v.seo(), v.variants(), v.createdAt(), v.updatedAt(), v.version());
    });
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
    assertEquals(1, gw.bus.count(CatalogApi.GET_PRODUCT));
    assertEquals(true, millis >= 250 && millis < 5000, "took " + millis + " ms");
  }

  @Test
  void aDatabaseOutOfConnectionsIs503WithRetryAfter() throws Exception {
    var response = gw.get("/api/v1/products");
    assertEquals(503, response.statusCode(), response.bodyAsString());
    assertEquals("SERVICE_UNAVAILABLE", problem(response).getString("code"));
    assertEquals("2", response.getHeader("Retry-After"));
    assertFalse(response.bodyAsString().contains("db-7"), response.bodyAsString());
  }

  @Test
  void aDatabaseOutOfConnectionsIsATypedGraphQlErrorWithRetryAfter() throws Exception {
    var response = gw.graphql("/graphql", null, "{products(first:3){edges{node{slug}}}}", null);
    JsonObject error = response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
    assertEquals("SERVICE_UNAVAILABLE", error.getJsonObject("extensions").getString("code"), response.bodyAsString());
    assertEquals(2L, error.getJsonObject("extensions").getLong("retryAfter"), response.bodyAsString());
    assertFalse(response.bodyAsString().contains("db-7"), response.bodyAsString());
  }

  @Test
  void anInternalFailureShowsNoInternalsInProblemJson() throws Exception {
    var response = gw.get("/api/v1/categories");
    assertEquals(500, response.statusCode());
    JsonObject problem = problem(response);
    assertEquals("INTERNAL", problem.getString("code"));
    assertEquals("internal error", problem.getString("detail"));
    assertFalse(response.bodyAsString().contains("secret") || response.bodyAsString().contains("db-7"), response.bodyAsString());
  }

  @Test
  void anInternalFailureShowsNoInternalsInGraphQl() throws Exception {
    var response = gw.graphql("/graphql", null, "{categories{id}}", null);
    JsonObject error = response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
    assertEquals("INTERNAL", error.getJsonObject("extensions").getString("code"));
    assertEquals("internal error", error.getString("message"));
    assertFalse(response.bodyAsString().contains("secret") || response.bodyAsString().contains("db-7"), response.bodyAsString());
  }

  @Test
  void aReplyThatCannotBeWrittenIs500NotAHungRequest() throws Exception {
    var response = gw.http.get("/api/v1/products/by-slug/odd-one").timeout(5000).send().await(10, TimeUnit.SECONDS);
    assertEquals(500, response.statusCode());
    assertEquals("INTERNAL", problem(response).getString("code"));
  }
}
