package io.kinetic.kernel.pg;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.net.URI;

/**
 * PostgreSQL pools built from a {@code postgresql://user:password@host:port/db} URL. A pool is
 * shared by name across the instances of one verticle, so {@code poolSize} bounds the connections
 * of that verticle, not of each instance.
 */
public final class PgPools {

  /** Seconds after which a pool closes a connection nobody used. */
  static final int IDLE_SECONDS = 60;

  private PgPools() {
  }

  /** A pool whose connections use {@code schema} as search path, so a module's SQL names its own tables unqualified. */
  public static Pool create(Vertx vertx, String url, int poolSize, String schema) {
    return create(vertx, url, poolSize, schema, "kinetic-" + schema, PREPARED_SQL_LIMIT);
  }

  /**
   * A pool for one task before or beside the context's own (seeding, the first admin, a command),
   * named {@code kinetic-<schema>-<task>}: it neither joins the context's shared pool nor leaves
   * the context's pool metrics pointing at a pool that was closed.
   */
  public static Pool forTask(Vertx vertx, String url, int poolSize, String schema, String task) {
    return create(vertx, url, poolSize, schema, "kinetic-" + schema + "-" + task, PREPARED_SQL_LIMIT);
  }

  /**
   * {@link #create(Vertx, String, int, String)} with further schemas after the module's on the search
   * path: where database-wide extensions it uses live when another schema created them first;
   * statements up to {@code preparedSqlLimit} characters are kept prepared ({@link #PREPARED_SQL_LIMIT}
   * or {@link #SHORT_PREPARED_SQL_LIMIT}).
   */
  public static Pool create(Vertx vertx, String url, int poolSize, String schema, java.util.List<String> alsoOnPath,
                            int preparedSqlLimit) {
    var path = new java.util.LinkedHashSet<String>();
    path.add(schema);
    path.addAll(alsoOnPath);
    return create(vertx, url, poolSize, String.join(",", path), "kinetic-" + schema, preparedSqlLimit);
  }

  /**
   * The longest statement kept prepared on a connection (characters): the longest one-statement
   * steps (a payment's success, the analytics' paid-order rollup) are 2,500 to 4,000.
   */
  public static final int PREPARED_SQL_LIMIT = 16_384;
  /**
   * The client's default, for a pool whose long statements carry per-request values in their text
   * (search: its page and price bounds): kept prepared, each would be a one-off statement taking a
   * place in the connection's cache and a parsed statement in its server process.
   */
  public static final int SHORT_PREPARED_SQL_LIMIT = 2_048;

  private static Pool create(Vertx vertx, String url, int poolSize, String schema, String name, int preparedSqlLimit) {
    var connect = PgConnectOptions.fromUri(url)
      .addProperty("search_path", schema)
      .addProperty("application_name", "kinetic-" + schema.split(",")[0])
      // a client that vanishes (power loss, partition) must not hold row locks for hours: the
      // server probes an idle connection after 30 s and drops it after 3 unanswered probes, and no
      // transaction of ours stays idle for a minute (an event-log relay or consumer that died
      // holding the log's head or a checkpoint releases it within a minute)
      .addProperty("tcp_keepalives_idle", "30")
      .addProperty("tcp_keepalives_interval", "10")
      .addProperty("tcp_keepalives_count", "3")
      .addProperty("idle_in_transaction_session_timeout", "60000")
      // every statement is prepared once per connection, and planned once where PostgreSQL finds
      // a generic plan good enough; the client's default skips statements longer than 2,048
      // characters, which are the checkout's payment success (the notice's and the return's) and
      // the analytics' paid-order rollup: each was parsed and planned on every call (0.8 ms of
      // PostgreSQL's time each, with the allocation's custom plans a third of an order's)
      .setCachePreparedStatements(true)
      .setPreparedStatementCacheMaxSize(512)
      .setPreparedStatementCacheSqlLimit(preparedSqlLimit)
      .setPipeliningLimit(256);
    connect.setMetricsName(name);
    // a pool gives back what a burst opened: a connection idle for a minute is closed, so a quiet
    // engine holds few of the server's max_connections (several engines may share one server)
    var pool = new PoolOptions().setMaxSize(poolSize).setShared(true).setName(name).setMaxWaitQueueSize(10_000)
      .setIdleTimeout(IDLE_SECONDS).setIdleTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS);
    return PgBuilder.pool().with(pool).connectingTo(connect).using(vertx).build();
  }

  /** The JDBC form of a PostgreSQL URL, for Flyway: user and password are returned separately. */
  public static Jdbc jdbc(String url) {
    var connect = PgConnectOptions.fromUri(url);
    String jdbcUrl = "jdbc:postgresql://" + connect.getHost() + ":" + connect.getPort() + "/" + connect.getDatabase();
    return new Jdbc(jdbcUrl, connect.getUser(), connect.getPassword());
  }

  /** Builds a PostgreSQL URL; the password may be null. */
  public static String url(String host, int port, String database, String user, String password) {
    String auth = password == null || password.isEmpty() ? user : user + ":" + password;
    return URI.create("postgresql://" + auth + "@" + host + ":" + port + "/" + database).toString();
  }

  /** JDBC coordinates for tools that need a blocking driver (migrations only). */
  public record Jdbc(String url, String user, String password) {
  }
}
