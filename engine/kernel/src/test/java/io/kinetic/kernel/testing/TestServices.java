package io.kinetic.kernel.testing;

import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.config.ConfigLoader;
import io.kinetic.kernel.embedded.EmbeddedServices;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One PostgreSQL and one Redis per test JVM, shared by every test class: {@code COMMERCE_TEST_PG_URL}
 * and {@code COMMERCE_TEST_REDIS_URL} when set, else containers when Docker is available, else the
 * embedded servers. Each module migrates its own schema into the shared database.
 */
public final class TestServices {

  private static final Logger LOG = Logger.getLogger(TestServices.class.getName());
  private static TestServices instance;
  /**
   * Clients the test PostgreSQL accepts: a test JVM runs its shared engine beside extra ones (a
   * cluster's two nodes, a Stripe shop, a restarted engine), each holding up to one engine's pools.
   */
  private static final int MAX_CONNECTIONS = 1000;

  private final String pgUrl;
  private final String redisUrl;

  private TestServices(String pgUrl, String redisUrl) {
    this.pgUrl = pgUrl;
    this.redisUrl = redisUrl;
  }

  public static synchronized TestServices get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  public String pgUrl() {
    return pgUrl;
  }

  public String redisUrl() {
    return redisUrl;
  }

  /**
   * A new, empty database on the test PostgreSQL server, for an engine that must not share its
   * outboxes and event logs with the others of this JVM (an independent shop): its URL.
   */
  public synchronized String newDatabase(String prefix) {
    if (!prefix.matches("[a-z][a-z0-9_]{0,40}")) {
      throw new IllegalArgumentException("a database prefix is lower-case letters, digits and _: " + prefix);
    }
    var jdbc = io.kinetic.kernel.pg.PgPools.jdbc(pgUrl);
    String name = prefix + "_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (var connection = java.sql.DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password());
         var statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE \"" + name + "\"");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot create the test database " + name, e);
    }
    var connect = io.vertx.pgclient.PgConnectOptions.fromUri(pgUrl);
    return "postgresql://" + java.net.URLEncoder.encode(connect.getUser(), java.nio.charset.StandardCharsets.UTF_8)
      + (connect.getPassword() == null || connect.getPassword().isEmpty() ? ""
        : ":" + java.net.URLEncoder.encode(connect.getPassword(), java.nio.charset.StandardCharsets.UTF_8))
      + "@" + connect.getHost() + ":" + connect.getPort() + "/" + name;
  }

  /** The test Redis with another logical database ({@code db} 1 to 15) than the shared one (0). */
  public String redisUrl(int db) {
    return redisUrl.replaceAll("/\\d+$", "") + "/" + db;
  }

  /**
   * The repository's {@code config/application.json} pointed at the test services, with fast
   * password hashing and a fixed JWT secret; {@code overrides} are merged last.
   */
  public AppConfig config(JsonObject overrides) {
    Map<String, String> env = new HashMap<>();
    env.put(ConfigLoader.PREFIX + "CONFIG_DIR", configDir().toString());
    env.put(ConfigLoader.PREFIX + "PG_URL", pgUrl);
    env.put(ConfigLoader.PREFIX + "REDIS_URL", redisUrl);
    env.put(ConfigLoader.PREFIX + "JWT_SECRET", "test-secret-test-secret-test-secret-0123456789");
    env.put(ConfigLoader.PREFIX + "AUTH_PASSWORD_ITERATIONS", "1000");
    env.put(ConfigLoader.PREFIX + "HTTP_PORT", "0");
    env.put(ConfigLoader.PREFIX + "HTTP_INSTANCES", "2");
    env.put(ConfigLoader.PREFIX + "CATALOG_INSTANCES", "2");
    env.put(ConfigLoader.PREFIX + "OUTBOX_POLL_MILLIS", "200");
    JsonObject json = ConfigLoader.loadJson(env);
    return AppConfig.from(json.mergeIn(overrides, true));
  }

  public AppConfig config() {
    return config(new JsonObject());
  }

  /** The repository's config directory, found by walking up from the working directory. */
  public static Path configDir() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.exists(dir.resolve("config/application.json"))) {
        return dir.resolve("config");
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("config/application.json not found above " + Path.of("").toAbsolutePath());
  }

  private static TestServices start() {
    String pg = System.getenv("COMMERCE_TEST_PG_URL");
    String redis = System.getenv("COMMERCE_TEST_REDIS_URL");
    try {
      if (pg == null && dockerAvailable()) {
        var container = new PostgreSQLContainer("postgres:17-alpine")
          .withCommand("postgres", "-c", "fsync=off", "-c", "max_connections=" + MAX_CONNECTIONS);
        container.start();
        pg = "postgresql://" + container.getUsername() + ":" + container.getPassword() + "@" + container.getHost() + ":"
          + container.getMappedPort(5432) + "/" + container.getDatabaseName();
        LOG.info("test PostgreSQL in a container");
      }
      if (redis == null && dockerAvailable()) {
        var container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
        container.start();
        redis = "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
        LOG.info("test Redis in a container");
      }
      if (pg == null || redis == null) {
        var embedded = new EmbeddedServices();
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
        if (pg == null) {
          pg = embedded.startPostgres(null, 0, MAX_CONNECTIONS);
        }
        if (redis == null) {
          redis = embedded.startRedis(0);
        }
      }
      return new TestServices(pg, redis);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start test services", e);
    }
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable t) {
      return false;
    }
  }
}
