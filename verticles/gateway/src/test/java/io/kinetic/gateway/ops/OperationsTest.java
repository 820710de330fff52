package io.kinetic.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.gateway.GatewayFixture;
import io.kinetic.kernel.id.InstanceId;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
    // a check answers within 2 s; on a loaded machine the first connection to a store may take
    // longer than that, so readiness is asked again for a while (a store that is down stays DOWN)
    var ready = gw.get("/health/ready");
    for (long until = System.currentTimeMillis() + 15_000; ready.statusCode() != 200 && System.currentTimeMillis() < until; ) {
      Thread.sleep(250);
      ready = gw.get("/health/ready");
    }
    assertEquals(200, ready.statusCode(), ready.bodyAsString());
    assertEquals(new JsonObject().put("postgresql", "UP").put("redis", "UP"), ready.bodyAsJsonObject().getJsonObject("checks"));
  }

  @Test
  void bothHealthAnswersNameThisEngineInstance() throws Exception {
    String id = InstanceId.of(gw.vertx);
    assertTrue(id.matches("[0-9a-f]{32}"), id);
    assertEquals(id, gw.get("/health/live").bodyAsJsonObject().getString("instanceId"));
    assertEquals(id, gw.get("/health/ready").bodyAsJsonObject().getString("instanceId"));
    var other = io.vertx.core.Vertx.vertx();
    try {
      assertNotEquals(id, InstanceId.of(other), "another engine (Vert.x) has another id");
    } finally {
      other.close();
    }
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

  /**
   * No eval and no inline script but the pages' own import maps, each allowed by the hash of the
   * text the page really serves; no inline styles.
   */
  @Test
  void theContentSecurityPolicyIsStrict() throws Exception {
    for (String page : new String[] {"/", "/admin/"}) {
      var html = gw.get(page);
      String csp = html.getHeader("Content-Security-Policy");
      String scriptSrc = directive(csp, "script-src");
      assertFalse(scriptSrc.contains("unsafe-eval") || scriptSrc.contains("unsafe-inline"), page + ": " + scriptSrc);
      assertEquals("style-src 'self'", directive(csp, "style-src"), page);
      Matcher importMap = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL).matcher(html.bodyAsString());
      assertTrue(importMap.find(), page + " has an import map");
      String hash = Base64.getEncoder().encodeToString(
        MessageDigest.getInstance("SHA-256").digest(importMap.group(1).getBytes(StandardCharsets.UTF_8)));
      assertTrue(scriptSrc.contains("'sha256-" + hash + "'"), page + ": the import map's hash is allowed: " + scriptSrc);
      assertTrue(Stream.of(scriptSrc.split(" ")).skip(1).allMatch(s -> s.equals("'self'") || s.matches("'sha256-[A-Za-z0-9+/=]{44}'")),
        page + ": this origin and hashes, nothing else: " + scriptSrc);
    }
  }

  private static String directive(String csp, String name) {
    return Stream.of(csp.split(";")).map(String::trim).filter(d -> d.startsWith(name + " ")).findFirst()
      .orElseThrow(() -> new AssertionError("no " + name + " in " + csp));
  }

  @Test
  void vueAndHtmComeFromTheirJars() throws Exception {
    for (String path : new String[] {"/webjars/vue/3.5.13/dist/vue.runtime.esm-browser.prod.js", "/webjars/htm/3.1.1/dist/htm.module.js"}) {
      var js = gw.get(path);
      assertEquals(200, js.statusCode(), path);
      assertTrue(js.getHeader("content-type").contains("javascript"), path + ": " + js.getHeader("content-type"));
      assertTrue(js.getHeader("cache-control").contains("max-age=31536000"), path + ": " + js.getHeader("cache-control"));
    }
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
