package io.kinetic.kernel.embedded;

import io.kinetic.kernel.pg.PgPools;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Logger;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * An embedded PostgreSQL (real server binaries, unpacked from the jar) and an embedded Redis, for
 * the one-command start and for tests on a machine without services. With a data directory the
 * PostgreSQL data survives restarts; without one it lives in a temporary directory.
 */
public final class EmbeddedServices implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(EmbeddedServices.class.getName());
  /** In PostgreSQL's data directory: which engine started its server ({@link Orphans}). */
  static final String OWNER_FILE = "kinetic.owner";

  private EmbeddedPostgres postgres;
  private RedisServer redis;
  private String pgUrl;
  private String redisUrl;

  /**
   * Connections one engine may hold at most: its contexts' pools, their event logs' pools and the
   * health probe, with room for a second engine process during a restart.
   */
  public static final int ENGINE_MAX_CONNECTIONS = 300;

  /** Starts PostgreSQL on {@code port} (0: any free port) keeping data in {@code dataDir} (null: temporary). */
  public String startPostgres(Path dataDir, int port) throws IOException {
    return startPostgres(dataDir, port, ENGINE_MAX_CONNECTIONS);
  }

  /**
   * Like {@link #startPostgres(Path, int)}, accepting {@code maxConnections} clients: more than one
   * engine's where several engines share the server (a test JVM runs several at once).
   */
  public String startPostgres(Path dataDir, int port, int maxConnections) throws IOException {
    return startPostgres(dataDir, port, maxConnections, java.util.Map.of());
  }

  /** Like {@link #startPostgres(Path, int, int)}, with further server settings (a test's: how often the WAL writer runs, say). */
  public String startPostgres(Path dataDir, int port, int maxConnections, java.util.Map<String, String> settings) throws IOException {
    var builder = EmbeddedPostgres.builder()
      .setPGStartupWait(Duration.ofSeconds(60))
      .setServerConfig("max_connections", Integer.toString(maxConnections))
      .setServerConfig("fsync", dataDir == null ? "off" : "on")
      .setServerConfig("synchronous_commit", dataDir == null ? "off" : "on")
      .setServerConfig("shared_buffers", "128MB");
    settings.forEach(builder::setServerConfig);
    if (dataDir != null) {
      Files.createDirectories(dataDir);
      builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
      // only the postmaster this data directory's postmaster.pid names, never another PostgreSQL
      ProcessHandle running = Orphans.postmaster(dataDir);
      Orphans.stopLeftOver(dataDir.resolve(OWNER_FILE), p -> running != null && p.pid() == running.pid(), "PostgreSQL");
    }
    if (port > 0) {
      builder.setPort(port);
    }
    postgres = builder.start();
    ProcessHandle postmaster = dataDir == null ? null : Orphans.postmaster(dataDir);
    if (postmaster != null) {
      Orphans.own(dataDir.resolve(OWNER_FILE), postmaster.pid());
    }
    pgUrl = PgPools.url("127.0.0.1", postgres.getPort(), "postgres", "postgres", null);
    LOG.info("embedded PostgreSQL started on port " + postgres.getPort()
      + (dataDir == null ? " (temporary data)" : " (data in " + dataDir.toAbsolutePath() + ")"));
    return pgUrl;
  }

  /**
   * Stops the embedded PostgreSQL ({@code dataDir/pg}) and Redis ({@code dataDir/redis.owner}) an
   * engine on {@code dataDir} left running when it was killed, before anything else looks at their
   * ports: a fixed port they still hold is this data directory's own, not another server's. Fails
   * when the engine that owns them still runs (naming its pid).
   */
  public static void stopLeftOvers(Path dataDir, boolean postgres, boolean redis) throws IOException {
    if (postgres) {
      Path pg = dataDir.resolve("pg");
      ProcessHandle running = Orphans.postmaster(pg);
      Orphans.stopLeftOver(pg.resolve(OWNER_FILE), p -> running != null && p.pid() == running.pid(), "PostgreSQL");
    }
    if (redis) {
      Orphans.stopLeftOver(dataDir.resolve(REDIS_OWNER_FILE), p -> Orphans.runs(p, "redis-server-"), "Redis");
    }
  }

  /** The embedded Redis's owner file, in the engine's data directory. */
  public static final String REDIS_OWNER_FILE = "redis.owner";

  /** Starts Redis on {@code port} (0: any free port); it keeps nothing on disk. */
  public String startRedis(int port) throws IOException {
    return startRedis(port, null);
  }

  /**
   * Like {@link #startRedis(int)}, recording the server in {@code ownerFile} (null: nowhere), so
   * that the next start stops it when this engine was killed and left it running ({@link Orphans}).
   */
  public String startRedis(int port, Path ownerFile) throws IOException {
    return startRedis(port, ownerFile, null);
  }

  /**
   * Like {@link #startRedis(int, Path)}, keeping the data in {@code dataDir} (null: nothing on disk):
   * an append-only file written every second (carts and their reservations outlive a restart).
   */
  public String startRedis(int port, Path ownerFile, Path dataDir) throws IOException {
    if (ownerFile != null) {
      // the embedded binary (redis-server-<version>-<platform>), never a Redis installed on the machine
      Orphans.stopLeftOver(ownerFile, p -> Orphans.runs(p, "redis-server-"), "Redis");
    }
    var before = redisChildren();
    int actual = port > 0 ? port : FreePorts.find();
    var builder = RedisServer.newRedisServer()
      .executableProvider(inOwnSession(ExecutableProvider.newJarResourceProvider()))
      .port(actual)
      .bind("127.0.0.1")
      .setting("save \"\"");
    if (dataDir == null) {
      builder.setting("appendonly no");
    } else {
      Files.createDirectories(dataDir);
      builder.setting("dir " + quoted(dataDir.toAbsolutePath().toString()))
        .setting("appendonly yes")
        .setting("appendfsync everysec");
    }
    redis = builder.build();
    startTextBusyTolerant(redis);
    if (ownerFile != null) {
      var started = redisChildren();
      started.removeAll(before);
      if (started.size() == 1) {
        Orphans.own(ownerFile, started.iterator().next());
      }
    }
    redisUrl = "redis://127.0.0.1:" + actual;
    LOG.info("embedded Redis started on port " + actual + (dataDir == null ? " (nothing on disk)" : " (data in " + dataDir.toAbsolutePath() + ")"));
    return redisUrl;
  }

  /**
   * The embedded Redis binary started in a session of its own ({@code setsid}, where the machine has
   * it and {@code /bin/sh}): the library starts it as a plain child, in the engine's process group,
   * so a Ctrl-C typed in the terminal reached Redis too and it shut down while the engine was still
   * draining. Through a two-line wrapper script next to the binary: {@code sh} execs {@code setsid},
   * which (the child not leading a group) makes the new session in place and execs Redis: one
   * process, the pid the library started, the binary's command line (which {@link Orphans} looks for).
   * Elsewhere (no {@code setsid}: macOS, Windows) the binary as it is.
   */
  static ExecutableProvider inOwnSession(ExecutableProvider binary) {
    Path sh = Path.of("/bin/sh");
    Path setsid = java.util.stream.Stream.of("/usr/bin/setsid", "/bin/setsid").map(Path::of)
      .filter(Files::isExecutable).findFirst().orElse(null);
    if (setsid == null || !Files.isExecutable(sh)) {
      return binary;
    }
    return () -> {
      java.io.File real = binary.get();
      Path wrapper = real.toPath().resolveSibling(real.getName() + "-own-session.sh");
      String script = "#!/bin/sh\nexec " + setsid + " '" + real.getAbsolutePath().replace("'", "'\\''") + "' \"$@\"\n";
      // written once (a retry after ETXTBSY finds it as it was), whole (a file of its own moved in
      // place: servers started at once by several threads, as in the tests, never see a partial one)
      if (!Files.exists(wrapper) || !Files.readString(wrapper, StandardCharsets.UTF_8).equals(script)) {
        Path written = Files.createTempFile(wrapper.getParent(), wrapper.getFileName().toString(), ".tmp");
        try {
          Files.writeString(written, script, StandardCharsets.UTF_8);
          written.toFile().setExecutable(true, true);
          Files.move(written, wrapper, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(written);
        }
      }
      return wrapper.toFile();
    };
  }

  /** {@code text} as a double-quoted string of a Redis configuration file. */
  private static String quoted(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /**
   * Starts {@code server}, again after a moment when its binary, just written to a temporary file,
   * was "busy" (ETXTBSY: another thread of this JVM forked a process while the file was still open for
   * writing, and the child held it until its own exec; with several embedded servers starting at
   * once, as in the test suite, that happens now and then).
   */
  private static void startTextBusyTolerant(RedisServer server) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        server.start();
        return;
      } catch (IOException e) {
        if (attempt == 5 || !textFileBusy(e)) {
          throw e;
        }
        LOG.info("embedded Redis binary busy (ETXTBSY), starting it again");
        try {
          Thread.sleep(100L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static boolean textFileBusy(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getMessage() != null && c.getMessage().contains("Text file busy")) {
        return true;
      }
    }
    return false;
  }

  private static java.util.Set<Long> redisChildren() {
    return ProcessHandle.current().children()
      .filter(p -> Orphans.runs(p, "redis-server"))
      .map(ProcessHandle::pid).collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new));
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
