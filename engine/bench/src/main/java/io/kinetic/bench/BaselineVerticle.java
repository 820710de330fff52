package io.kinetic.bench;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The thinnest route we can write over the same PostgreSQL row: no router, no cache, no mapping
 * layer. Its throughput is the denominator of every ratio scripts/bench reports.
 */
final class BaselineVerticle extends VerticleBase {

  static final String PREFIX = "/baseline/products/";
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** Local map where the bound port is published (a shared random one for port 0). */
  static final String MAP = "baseline";
  private final String pgUrl;
  private final int port;
  private final String table;
  private final String instanceId;
  private Pool pool;
  private PreparedQuery<RowSet<Row>> byId;

  BaselineVerticle(String pgUrl, int port, String table, String instanceId) {
    this.pgUrl = pgUrl;
    this.port = port;
    this.table = table;
    this.instanceId = instanceId;
  }

  @Override
  public Future<?> start() {
    pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(8))
        .connectingTo(PgConnectOptions.fromUri(pgUrl).setCachePreparedStatements(true).setPipeliningLimit(256))
        .using(vertx)
        .build();
    byId = pool.preparedQuery("SELECT id, slug, status, translations, attributes, media, seo, created_at, updated_at"
        + " FROM " + table + " WHERE id = $1");
    // a negative port: every instance shares one random port
    return vertx.createHttpServer().requestHandler(this::handle).listen(port == 0 ? -1 : port)
        .onSuccess(server -> vertx.sharedData().getLocalMap(MAP).put("port", server.actualPort()));
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    if (request.method() != HttpMethod.GET) {
      request.response().setStatusCode(405).end();
    } else if (path.startsWith(PREFIX)) {
      product(request, path.substring(PREFIX.length()));
    } else if (path.equals("/health")) {
      request.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .end("{\"status\":\"UP\",\"instanceId\":\"" + instanceId + "\"}");
    } else {
      request.response().setStatusCode(404).end();
    }
  }

  private void product(HttpServerRequest request, String id) {
    HttpServerResponse response = request.response();
    if (!UUID_TEXT.matcher(id).matches()) {
      response.setStatusCode(400).end();
      return;
    }
    byId.execute(Tuple.of(UUID.fromString(id)))
        .onSuccess(rows -> {
          RowIterator<Row> it = rows.iterator();
          if (!it.hasNext()) {
            response.setStatusCode(404).end();
          } else {
            response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(it.next().toJson().toBuffer());
          }
        })
        .onFailure(err -> response.setStatusCode(500).end());
  }

  @Override
  public Future<?> stop() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }
}
