package io.kinetic.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Health, metrics, media placeholders, static files and GraphiQL (enabled here as in the dev profile). */
class OperationsTest {

  private static final String METRICS_TOKEN = "scrape-me-please-0123456789";
  private static GatewayFixture gw;

  @BeforeAll
  static void start() throws Exception {
    gw = GatewayFixture.start(new JsonObject().put("graphql", new JsonObject().put("graphiql", true))
      .put("http", new JsonObject().put("metricsToken", METRICS_TOKEN)));
  }

  @AfterAll
  static void stop() throws Exception {
    gw.close();
  }

  @Test
  void liveAndReadyAgainstTheTestServices() throws Exception {
    var live = gw.get("/health/live");
    assertEquals(200, live.statusCode());
    assertEquals("UP", live.bodyAsJsonObject().getString("status"));
    var ready = gw.get("/health/ready");
    assertEquals(200, ready.statusCode(), ready.bodyAsString());
    assertEquals(new JsonObject().put("postgresql", "UP").put("redis", "UP"), ready.bodyAsJsonObject().getJsonObject("checks"));
  }

  @Test
  void metricsExposeHttpServerMetricsAsPrometheusText() throws Exception {
    gw.get("/health/live");
    var metrics = gw.get("/metrics", METRICS_TOKEN);
    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.getHeader("content-type").startsWith("text/plain"));
    assertTrue(metrics.bodyAsString().contains("vertx_http_server_requests_total"), "HTTP server metrics");
  }

  @Test
  void metricsNeedTheMetricsTokenOrAnAdmin() throws Exception {
    var anonymous = gw.get("/metrics");
    assertEquals(401, anonymous.statusCode());
    assertEquals("UNAUTHENTICATED", GatewayFixture.problem(anonymous).getString("code"));
    assertEquals(401, gw.get("/metrics", METRICS_TOKEN + "x").statusCode(), "a wrong token");
    assertEquals(403, gw.get("/metrics", gw.customerToken(java.util.UUID.randomUUID())).statusCode(), "a customer");
    assertEquals(403, gw.get("/metrics", gw.staffToken(java.util.UUID.randomUUID(), "catalog")).statusCode(), "staff without admin");
    var admin = gw.get("/metrics", gw.staffToken(java.util.UUID.randomUUID(), "admin"));
    assertEquals(200, admin.statusCode());
    assertTrue(admin.bodyAsString().contains("vertx_"));
  }

  @Test
  void placeholdersAreGeneratedSvg() throws Exception {
    var svg = gw.get("/media/placeholder/linen-shirt-42-1.svg");
    assertEquals(200, svg.statusCode());
    assertTrue(svg.getHeader("content-type").startsWith("image/svg+xml"));
    assertEquals("public, max-age=86400", svg.getHeader("cache-control"));
    String body = svg.bodyAsString();
    assertTrue(body.startsWith("<svg") && body.contains("Linen shirt 42"), body);
    assertEquals(body, gw.get("/media/placeholder/linen-shirt-42-1.svg").bodyAsString(), "same name, same image");
    assertTrue(!body.equals(gw.get("/media/placeholder/wool-scarf-7-1.svg").bodyAsString()));
    assertEquals(404, gw.get("/media/placeholder/..%2Fsecret.svg").statusCode());
  }

  @Test
  void pagesCarryAContentSecurityPolicyThatKeepsEverythingOnThisOrigin() throws Exception {
    for (String page : new String[] {"/", "/admin/"}) {
      var html = gw.get(page);
      assertEquals(200, html.statusCode(), page);
      String csp = html.getHeader("Content-Security-Policy");
      assertTrue(csp != null && csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), page + ": " + csp);
      assertEquals("nosniff", html.getHeader("X-Content-Type-Options"), page);
    }
  }

  @Test
  void vueComesFromTheWebjar() throws Exception {
    var vue = gw.get("/webjars/vue/3.5.13/dist/vue.esm-browser.prod.js");
    assertEquals(200, vue.statusCode());
    assertTrue(vue.getHeader("content-type").contains("javascript"), vue.getHeader("content-type"));
  }

  @Test
  void theStorefrontAndTheAdminSpaAreServed() throws Exception {
    var store = gw.get("/");
    assertEquals(200, store.statusCode());
    assertTrue(store.getHeader("content-type").startsWith("text/html"));
    assertTrue(store.bodyAsString().contains("/js/store/main.js"));
    var admin = gw.get("/admin/");
    assertEquals(200, admin.statusCode());
    assertTrue(admin.bodyAsString().contains("/js/admin/main.js"));
    var redirect = gw.http.get("/admin").followRedirects(false).send().await(10, TimeUnit.SECONDS);
    assertEquals(302, redirect.statusCode());
  }

  @Test
  void graphiqlIsMountedInTheDevProfile() throws Exception {
    var page = gw.get("/graphiql/");
    assertEquals(200, page.statusCode());
    assertTrue(page.bodyAsString().toLowerCase().contains("graphiql"));
  }
}
