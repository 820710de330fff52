package io.kinetic.kernel.embedded;

import io.kinetic.kernel.pg.PgPools;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Logger;
import redis.embedded.RedisServer;

/**
 * An embedded PostgreSQL (real server binaries, unpacked from the jar) and an embedded Redis, for
 * the one-command start and for tests on a machine without services. With a data directory the
 * PostgreSQL data survives restarts; without one it lives in a temporary directory.
 */
public final class EmbeddedServices implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(EmbeddedServices.class.getName());

  private EmbeddedPostgres postgres;
  private RedisServer redis;
  private String pgUrl;
  private String redisUrl;

  /** Starts PostgreSQL on {@code port} (0: any free port) keeping data in {@code dataDir} (null: temporary). */
  public String startPostgres(Path dataDir, int port) throws IOException {
    var builder = EmbeddedPostgres.builder()
      .setPGStartupWait(Duration.ofSeconds(60))
      .setServerConfig("max_connections", "300")
      .setServerConfig("fsync", dataDir == null ? "off" : "on")
      .setServerConfig("synchronous_commit", dataDir == null ? "off" : "on")
      .setServerConfig("shared_buffers", "128MB");
    if (dataDir != null) {
      Files.createDirectories(dataDir);
      builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
    }
    if (port > 0) {
      builder.setPort(port);
    }
    postgres = builder.start();
    pgUrl = PgPools.url("127.0.0.1", postgres.getPort(), "postgres", "postgres", null);
    LOG.info("embedded PostgreSQL started on port " + postgres.getPort()
      + (dataDir == null ? " (temporary data)" : " (data in " + dataDir.toAbsolutePath() + ")"));
    return pgUrl;
  }

  /** Starts Redis on {@code port} (0: any free port); it keeps nothing on disk. */
  public String startRedis(int port) throws IOException {
    int actual = port > 0 ? port : FreePorts.find();
    redis = RedisServer.newRedisServer()
      .port(actual)
      .bind("127.0.0.1")
      .setting("save \"\"")
      .setting("appendonly no")
      .build();
    redis.start();
    redisUrl = "redis://127.0.0.1:" + actual;
    LOG.info("embedded Redis started on port " + actual);
    return redisUrl;
  }

  public String pgUrl() {
    return pgUrl;
  }

  public String redisUrl() {
    return redisUrl;
  }

  /** Stops what was started; safe to call twice. */
  @Override
  public synchronized void close() {
    if (redis != null) {
      try {
        redis.stop();
        LOG.info("embedded Redis stopped");
      } catch (IOException e) {
        LOG.warning("embedded Redis did not stop cleanly: " + e.getMessage());
      }
      redis = null;
    }
    if (postgres != null) {
      try {
        postgres.close();
        LOG.info("embedded PostgreSQL stopped");
      } catch (IOException e) {
        LOG.warning("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
      }
      postgres = null;
    }
  }
}
