package io.kinetic.identity;

import io.kinetic.kernel.contract.identity.IdentityApi;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kinetic.kernel.auth.Jwt;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Endpoint;
import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.Contracts;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.pg.Migrations;
import io.kinetic.kernel.pg.PgPools;
import io.kinetic.kernel.testing.TestServices;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/** One Vert.x with the identity verticle deployed, for one test class; talks to it over the event bus only. */
final class IdentityFixture implements AutoCloseable {

  private static boolean migrated;

  final Vertx vertx;
  final AppConfig config;
  final BusClient bus;
  private Pool pool;
  private String ownDatabase;

  private IdentityFixture(Vertx vertx, AppConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.bus = new BusClient(vertx, 10_000);
  }

  static IdentityFixture start() {
    return start(new JsonObject());
  }

  static IdentityFixture start(JsonObject overrides) {
    return start(overrides, new VertxOptions());
  }

  static IdentityFixture start(JsonObject overrides, VertxOptions options) {
    var config = TestServices.get().config(overrides);
    migrate(config.pg().url());
    var vertx = Vertx.vertx(options);
    Contracts.register(vertx, IdentityApi.CONTRACT);
    var fixture = new IdentityFixture(vertx, config);
    await(new IdentityModule().deploy(vertx, config));
    return fixture;
  }

  /**
   * As {@link #start(JsonObject)}, on a fresh database of its own (in the test PostgreSQL), dropped
   * on {@link #close}: for tests about every staff member at once (the last admin, the whole audit log).
   */
  static IdentityFixture startInOwnDatabase(JsonObject overrides) {
    String shared = TestServices.get().pgUrl();
    String database = "identity_" + UUID.randomUUID().toString().replace("-", "");
    sql(shared, "CREATE DATABASE " + database);
    var connect = PgConnectOptions.fromUri(shared);
    String own = PgPools.url(connect.getHost(), connect.getPort(), database, connect.getUser(), connect.getPassword());
    Migrations.migrateBlocking(own, IdentityModule.SCHEMA);
    var config = TestServices.get().config(overrides.copy().put("pg", new JsonObject().put("url", own)));
    var vertx = Vertx.vertx();
    Contracts.register(vertx, IdentityApi.CONTRACT);
    var fixture = new IdentityFixture(vertx, config);
    fixture.ownDatabase = database;
    await(new IdentityModule().deploy(vertx, config));
    return fixture;
  }

  private static void sql(String pgUrl, String statement) {
    var jdbc = PgPools.jdbc(pgUrl);
    try (var connection = DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password());
         var st = connection.createStatement()) {
      st.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(statement + " failed", e);
    }
  }

  /** Test classes run in parallel: migrate once per JVM so Flyway never races itself. */
  private static synchronized void migrate(String pgUrl) {
    if (!migrated) {
      Migrations.migrateBlocking(pgUrl, IdentityModule.SCHEMA);
      migrated = true;
    }
  }

  static String email(String prefix) {
    return prefix + "-" + UUID.randomUUID() + "@example.com";
  }

  <R> R request(Endpoint<?, ?> endpoint, Object message) {
    return await(bus.request(endpoint.address(), message, "test-" + UUID.randomUUID()));
  }

  /** The failure {@code address} answers {@code message} with; the test fails when it succeeds. */
  Failure failure(Endpoint<?, ?> endpoint, Object message) {
    var e = assertThrows(ExecutionException.class,
      () -> bus.request(endpoint.address(), message, "test").toCompletionStage().toCompletableFuture().get(10, SECONDS));
    return Failure.from(e.getCause());
  }

  /** The claims of an access token, after the gateway's own verification accepted it. */
  JsonObject verifiedClaims(String accessToken) {
    var user = await(Jwt.auth(vertx, config.auth()).authenticate(new TokenCredentials(accessToken)));
    return user.attributes().getJsonObject("accessToken");
  }

  /** A pool on the identity schema, for looking at what the verticle stored. */
  synchronized Pool pool() {
    if (pool == null) {
      pool = PgPools.create(vertx, config.pg().url(), 2, IdentityModule.SCHEMA);
    }
    return pool;
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(20, SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    await(vertx.close());
    if (ownDatabase != null) {
      sql(TestServices.get().pgUrl(), "DROP DATABASE " + ownDatabase + " WITH (FORCE)");
    }
  }
}
