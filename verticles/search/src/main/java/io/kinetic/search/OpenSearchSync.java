package io.kinetic.search;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Keeps the OpenSearch index a copy of the PostgreSQL projection. A trigger on the projection's
 * {@code document} and {@code price} rows queues the product in {@code opensearch_pending} in the
 * transaction that changes it (the catalog feed's, a rebuild's: whatever writes the rows), so the
 * queue is durable and a node or an OpenSearch that was down catches up. After each commit (and
 * every second) the queue is drained: a batch of products is claimed ({@code FOR UPDATE SKIP
 * LOCKED}: nodes share the work; also every {@value #POLL_MILLIS} ms), their rows are read and written to the index in one bulk
 * request (versioned, {@link OpenSearchDocuments}) with a refresh, so they are searchable when it
 * answers, and the batch leaves the queue when the bulk succeeded. A product changed again while
 * its batch is in flight waits for the batch's transaction and is queued anew. While a rebuild
 * loads a new index ({@code opensearch_state.building}), batches are written to it too.
 */
final class OpenSearchSync {

  private static final Logger LOG = Logger.getLogger(OpenSearchSync.class.getName());
  static final int BATCH = 500;
  static final long RETRY_MILLIS = 1_000;
  /** The queue is also looked at this often: changes another node (or a rebuild) committed, and wake-ups that came before the commit. */
  static final long POLL_MILLIS = 200;
  private static final long LOG_EVERY_MILLIS = 30_000;

  /** The queue, the rebuild's state and the triggers: created when the backend is enabled (idempotent, under a lock). */
  static final String INSTALL = """
    DO $$
    BEGIN
      PERFORM pg_advisory_xact_lock(hashtext('kinetic.search.opensearch.install'));
      CREATE TABLE IF NOT EXISTS opensearch_pending (
        product_id uuid PRIMARY KEY,
        queued_at  timestamptz NOT NULL DEFAULT clock_timestamp());
      CREATE TABLE IF NOT EXISTS opensearch_state (
        id       int PRIMARY KEY CHECK (id = 1),
        building text);
      INSERT INTO opensearch_state (id) VALUES (1) ON CONFLICT (id) DO NOTHING;
      CREATE OR REPLACE FUNCTION opensearch_queue() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        -- DO UPDATE (not NOTHING): a product claimed by a batch in flight waits for it, then is queued again
        INSERT INTO search.opensearch_pending (product_id)
          VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD.product_id ELSE NEW.product_id END)
          ON CONFLICT (product_id) DO UPDATE SET queued_at = clock_timestamp();
        RETURN NULL;
      END $f$;
      CREATE OR REPLACE TRIGGER opensearch_document AFTER INSERT OR UPDATE OR DELETE ON document
        FOR EACH ROW EXECUTE FUNCTION opensearch_queue();
      CREATE OR REPLACE TRIGGER opensearch_price AFTER INSERT OR UPDATE OR DELETE ON price
        FOR EACH ROW EXECUTE FUNCTION opensearch_queue();
    END $$""";

  static final String CLAIM = "SELECT product_id FROM opensearch_pending ORDER BY queued_at LIMIT $1 FOR UPDATE SKIP LOCKED";
  static final String UNQUEUE = "DELETE FROM opensearch_pending WHERE product_id = ANY($1::uuid[])";
  static final String BUILDING = "SELECT building FROM opensearch_state WHERE id = 1";
  static final String PENDING = "SELECT count(*) AS n FROM opensearch_pending";

  private final Vertx vertx;
  private final Pool pool;
  private final OpenSearchHttp http;
  private final String alias;
  private final Runnable written;
  private boolean installed;
  private boolean draining;
  private boolean again;
  private long lastLogged;

  /** {@code written}: called after each batch written (answers computed before it are stale). */
  OpenSearchSync(Vertx vertx, Pool pool, OpenSearchHttp http, String alias, Runnable written) {
    this.vertx = vertx;
    this.pool = pool;
    this.http = http;
    this.alias = alias;
    this.written = written;
  }

  Future<Void> install() {
    return pool.query(INSTALL).execute().<Void>mapEmpty().onSuccess(v -> installed = true);
  }

  /** Something may be queued: drains now (or right after the drain in flight). Any thread. */
  void wake() {
    vertx.runOnContext(v -> drain());
  }

  /** Drains the queue batch by batch, on the verticle's context; a failure retries after {@value #RETRY_MILLIS} ms. */
  void drain() {
    if (!installed) {
      return;
    }
    if (draining) {
      again = true;
      return;
    }
    draining = true;
    again = false;
    batch().onComplete(ar -> {
      draining = false;
      if (ar.failed()) {
        long now = System.currentTimeMillis();
        if (now - lastLogged > LOG_EVERY_MILLIS) {
          lastLogged = now;
          LOG.warning("writing to OpenSearch failed, the changes stay queued: " + ar.cause().getMessage());
        }
        vertx.setTimer(RETRY_MILLIS, id -> drain());
      } else if (again || ar.result() == BATCH) {
        drain();
      }
    });
  }

  /** One batch: claimed, read, written, unqueued; completes with the number of products. */
  private Future<Integer> batch() {
    return pool.withTransaction(tx -> tx.preparedQuery(CLAIM).execute(Tuple.of(BATCH)).compose(claimed -> {
      if (claimed.size() == 0) {
        return Future.succeededFuture(0);
      }
      var ids = new ArrayList<UUID>();
      for (Row row : claimed) {
        ids.add(row.getUUID("product_id"));
      }
      UUID[] array = ids.toArray(UUID[]::new);
      return tx.query(BUILDING).execute().compose(state -> {
        var indexes = new ArrayList<String>(List.of(alias));
        String building = state.size() == 0 ? null : state.iterator().next().getString("building");
        if (building != null) {
          indexes.add(building);
        }
        return tx.preparedQuery(OpenSearchDocuments.OF_PRODUCTS).execute(Tuple.tuple().addValue(array)).compose(rows -> {
          var bulk = new StringBuilder();
          Set<UUID> seen = new HashSet<>();
          for (Row row : rows) {
            seen.add(row.getUUID("product_id"));
            OpenSearchDocuments.append(bulk, row, indexes);
          }
          for (UUID id : ids) {
            if (!seen.contains(id)) {
              OpenSearchDocuments.appendGone(bulk, id, indexes);
            }
          }
          return http.bulk(bulk.toString(), Map.of("refresh", "true"));
        });
      }).compose(answer -> {
        List<String> failures = OpenSearchDocuments.failures(answer);
        if (!failures.isEmpty()) {
          return Future.failedFuture(new IllegalStateException(failures.size() + " documents refused, e.g. " + failures.get(0)));
        }
        return tx.preparedQuery(UNQUEUE).execute(Tuple.tuple().addValue(array)).map(ids.size());
      });
    })).onSuccess(n -> {
      if (n > 0) {
        written.run();
      }
    });
  }

  /** Products waiting to be written (progress and tests). */
  Future<Long> pending() {
    return pool.query(PENDING).execute().map(rows -> rows.iterator().next().getLong("n"));
  }

}
