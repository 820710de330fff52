package io.kinetic.gateway;

import io.kinetic.gateway.edge.Edge;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.auth.Jwt;
import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.Contracts;
import io.kinetic.kernel.testing.TestServices;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A gateway on its own Vert.x (with Prometheus metrics, as the server runs it), talking to a
 * {@link FakeBus} instead of the real catalog and identity verticles, and an HTTP client for it.
 */
public final class GatewayFixture implements AutoCloseable {

  public final Vertx vertx;
  public final AppConfig config;
  public final FakeBus bus;
  public final WebClient http;
  public final int port;

  private GatewayFixture(Vertx vertx, AppConfig config, int port) {
    this.vertx = vertx;
    this.config = config;
    this.bus = new FakeBus(vertx);
    this.port = port;
    this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(port));
  }

  public static GatewayFixture start() throws Exception {
    return start(new JsonObject());
  }

  public static GatewayFixture start(JsonObject overrides) throws Exception {
    return start(overrides, null);
  }

  /** A gateway of {@code edges} instead of {@link Edges#ALL} (null: the gateway module as the server deploys it). */
  public static GatewayFixture start(JsonObject overrides, List<Edge> edges) throws Exception {
    AppConfig config = TestServices.get().config(overrides);
    VertxOptions options = GatewayModule.withMetrics(new VertxOptions());
    // one registry per Vert.x: test classes run concurrently and each closes its own
    ((MicrometerMetricsOptions) options.getMetricsOptions()).setRegistryName("gateway-test-" + UUID.randomUUID());
    Vertx vertx = Vertx.vertx(options);
    Contracts.register(vertx, CatalogApi.CONTRACT, IdentityApi.CONTRACT);
    if (edges == null) {
      new GatewayModule().deploy(vertx, config).await(60, TimeUnit.SECONDS);
    } else {
      vertx.deployVerticle(() -> new GatewayVerticle(config, edges), new DeploymentOptions().setInstances(2))
        .await(60, TimeUnit.SECONDS);
    }
    var fixture = new GatewayFixture(vertx, config, GatewayModule.boundPort(vertx));
    // every response to an operation of the served contract is checked against it
    ContractCheck.install(vertx, fixture.http, fixture.port);
    return fixture;
  }

  public HttpResponse<Buffer> get(String uri) throws Exception {
    return http.get(uri).send().await(10, TimeUnit.SECONDS);
  }

  public HttpResponse<Buffer> get(String uri, String token) throws Exception {
    return http.get(uri).bearerTokenAuthentication(token).send().await(10, TimeUnit.SECONDS);
  }

  public HttpResponse<Buffer> send(String method, String uri, String token, String body) throws Exception {
    var request = http.request(io.vertx.core.http.HttpMethod.valueOf(method), uri).putHeader("content-type", "application/json");
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return request.sendBuffer(Buffer.buffer(body)).await(10, TimeUnit.SECONDS);
  }

  public HttpResponse<Buffer> graphql(String path, String token, String query, JsonObject variables) throws Exception {
    var request = http.post(path);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    var body = new JsonObject().put("query", query).put("variables", variables == null ? new JsonObject() : variables);
    return request.sendJsonObject(body).await(10, TimeUnit.SECONDS);
  }

  public String customerToken(UUID id) {
    return token(id, "CUSTOMER", new JsonArray());
  }

  public String staffToken(UUID id, String... roles) {
    return token(id, "STAFF", new JsonArray(java.util.List.of((Object[]) roles)));
  }

  public String token(UUID id, String realm, JsonArray roles) {
    var claims = new JsonObject().put(Jwt.REALM, realm).put(Jwt.ROLES, roles).put(Jwt.EMAIL, "someone@example.com");
    return Jwt.auth(vertx, config.auth()).generateToken(claims, Jwt.signing(config.auth(), id.toString()));
  }

  /** A staff token issued at session version {@code sessionVersion}. */
  public String staffToken(UUID id, int sessionVersion, String... roles) {
    var claims = new JsonObject().put(Jwt.REALM, "STAFF").put(Jwt.ROLES, new JsonArray(java.util.List.of((Object[]) roles)))
      .put(Jwt.EMAIL, "someone@example.com").put(Jwt.SESSION_VERSION, sessionVersion);
    return Jwt.auth(vertx, config.auth()).generateToken(claims, Jwt.signing(config.auth(), id.toString()));
  }

  public String expiredStaffToken(UUID id) {
    var claims = new JsonObject().put(Jwt.REALM, "STAFF").put(Jwt.ROLES, new JsonArray().add("admin"))
      .put("exp", System.currentTimeMillis() / 1000 - 3600);
    var options = new JWTOptions().setAlgorithm(Jwt.ALGORITHM).setIssuer(config.auth().issuer()).setSubject(id.toString());
    return Jwt.auth(vertx, config.auth()).generateToken(claims, options);
  }

  public static JsonObject problem(HttpResponse<Buffer> response) {
    String type = response.getHeader("content-type");
    if (type == null || !type.startsWith("application/problem+json")) {
      throw new AssertionError("not problem+json (" + type + "): " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  @Override
  public void close() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }
}
