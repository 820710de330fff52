package io.kinetic.search;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The OpenSearch index behind the alias the engine searches ({@code opensearch.index}): its
 * definition ({@code opensearch/products.json}: explicit mappings, per-locale analyzers, edge
 * n-grams, trigrams), its first build and its zero-downtime rebuild. A build creates
 * {@code <alias>-<millis>} (no refreshes while loading), records it as building (the live sync then
 * writes to it too), bulk-loads every searchable product of the PostgreSQL projection page by page
 * (versioned: the live sync's newer copies are never undone), refreshes, then moves the alias in one
 * atomic {@code _aliases} call and drops the old index a few seconds later (searches already
 * running on it finish). One node builds at a time (a PostgreSQL advisory lock).
 */
final class OpenSearchIndex {

  private static final Logger LOG = Logger.getLogger(OpenSearchIndex.class.getName());
  static final int PAGE = 500;
  static final long DROP_OLD_AFTER_MILLIS = 5_000;
  private static final String LOCK = "SELECT pg_advisory_lock(hashtext('kinetic.search.opensearch.build'))";
  private static final String UNLOCK = "SELECT pg_advisory_unlock(hashtext('kinetic.search.opensearch.build'))";
  private static final String SET_BUILDING = "UPDATE opensearch_state SET building = $1 WHERE id = 1";

  private final Vertx vertx;
  private final Pool pool;
  private final OpenSearchHttp http;
  private final String alias;
  private volatile long loaded;
  private volatile long toLoad;

  OpenSearchIndex(Vertx vertx, Pool pool, OpenSearchHttp http, String alias) {
    this.vertx = vertx;
    this.pool = pool;
    this.http = http;
    this.alias = alias;
  }

  String alias() {
    return alias;
  }

  void resetProgress() {
    loaded = 0;
    toLoad = 0;
  }

  long loaded() {
    return loaded;
  }

  long toLoad() {
    return toLoad;
  }

  /** Builds the index when the alias does not exist yet (the first start with OpenSearch). */
  Future<Void> ensure() {
    return locked(() -> indexesOfAlias().compose(current -> current.isEmpty() ? load() : Future.succeededFuture()));
  }

  /** A new index, loaded and swapped in; the old one dropped. Searches go on meanwhile. */
  Future<Void> rebuild() {
    return locked(this::load);
  }

  /** Searchable products in the index the alias names. */
  Future<Long> count() {
    return http.get("/" + alias + "/_count").map(answer -> answer.getLong("count", 0L));
  }

  private Future<Void> locked(java.util.function.Supplier<Future<Void>> work) {
    return pool.getConnection().compose(lock -> lock.query(LOCK).execute()
      .compose(v -> work.get())
      .eventually(() -> lock.query(UNLOCK).execute().eventually(lock::close)));
  }

  private Future<List<String>> indexesOfAlias() {
    return http.call("GET", "/_alias/" + alias, null, Map.of()).map(answer -> List.copyOf(answer.body().fieldNames()))
      .recover(t -> t instanceof OpenSearchHttp.Failed f && f.status == 404 ? Future.succeededFuture(List.of()) : Future.failedFuture(t));
  }

  private Future<Void> load() {
    String name = alias + "-" + System.currentTimeMillis();
    loaded = 0;
    toLoad = 0;
    JsonObject definition = definition();
    definition.getJsonObject("settings").getJsonObject("index").put("refresh_interval", "-1");
    return pool.query(SearchSql.SEARCHABLE).execute()
      .compose(n -> {
        toLoad = n.iterator().next().getLong("n");
        return http.put("/" + name, definition);
      })
      .compose(v -> pool.preparedQuery(SET_BUILDING).execute(Tuple.of(name)))
      .compose(v -> pages(name))
      .compose(v -> http.put("/" + name + "/_settings", new JsonObject().put("index", new JsonObject().put("refresh_interval", "1s"))))
      .compose(v -> http.post("/" + name + "/_refresh", new JsonObject()))
      .compose(v -> indexesOfAlias())
      .compose(old -> {
        var actions = new JsonArray().add(new JsonObject().put("add", new JsonObject().put("index", name).put("alias", alias)));
        for (String index : old) {
          actions.add(new JsonObject().put("remove", new JsonObject().put("index", index).put("alias", alias)));
        }
        return http.post("/_aliases", new JsonObject().put("actions", actions)).map(old);
      })
      .compose(old -> pool.preparedQuery(SET_BUILDING).execute(Tuple.of((String) null)).map(old))
      .<Void>map(old -> {
        LOG.info("OpenSearch index " + name + " built (" + loaded + " products) and searched as " + alias);
        if (!old.isEmpty()) {
          vertx.setTimer(DROP_OLD_AFTER_MILLIS, id -> http.delete("/" + String.join(",", old))
            .onFailure(t -> LOG.warning("dropping the old OpenSearch index failed: " + t.getMessage())));
        }
        return null;
      })
      .recover(t -> pool.preparedQuery(SET_BUILDING).execute(Tuple.of((String) null))
        .transform(v -> http.status("DELETE", "/" + name))
        .transform(v -> Future.failedFuture(t)));
  }

  private Future<Void> pages(String name) {
    Promise<Void> done = Promise.promise();
    page(name, OpenSearchDocuments.FIRST, done);
    return done.future();
  }

  private void page(String name, UUID after, Promise<Void> done) {
    pool.preparedQuery(OpenSearchDocuments.PAGE).execute(Tuple.of(after, PAGE)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture((UUID) null);
      }
      var bulk = new StringBuilder();
      UUID last = null;
      for (Row row : rows) {
        OpenSearchDocuments.append(bulk, row, List.of(name));
        last = row.getUUID("product_id");
      }
      UUID next = rows.size() < PAGE ? null : last;
      int n = rows.size();
      return http.bulk(bulk.toString(), Map.of()).compose(answer -> {
        List<String> failures = OpenSearchDocuments.failures(answer);
        if (!failures.isEmpty()) {
          return Future.failedFuture(new IllegalStateException(failures.size() + " documents refused, e.g. " + failures.get(0)));
        }
        loaded += n;
        toLoad = Math.max(toLoad, loaded);
        return Future.succeededFuture(next);
      });
    }).onSuccess(next -> {
      if (next == null) {
        done.complete();
      } else {
        page(name, next, done);
      }
    }).onFailure(done::fail);
  }

  /** The index definition shipped with the engine. */
  static JsonObject definition() {
    try (InputStream in = OpenSearchIndex.class.getResourceAsStream("/opensearch/products.json")) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("opensearch/products.json is missing from the classpath", e);
    }
  }

}
