package io.kinetic.search;

import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.ExportProducts;
import io.kinetic.kernel.contract.catalog.ProductExport;
import io.kinetic.kernel.contract.search.ReindexStatus;
import io.kinetic.kernel.outbox.LogConsumer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Rebuilds the projection from the catalog's export ({@code EXPORT_PRODUCTS}, page by page, each
 * page in its own transaction) while searches go on against the rows being replaced: the copy of the
 * taxonomy first, then every product (version-checked, so events consumed meanwhile are never
 * undone), then the rows of products the export no longer has are dropped. On the first start
 * (nothing built yet) the consumer's checkpoint is set to the export's log position, so it goes on
 * from there; one node builds, the others wait for it (advisory lock).
 */
final class Reindexer {

  private static final Logger LOG = Logger.getLogger(Reindexer.class.getName());
  static final int PAGE = 250;

  private final Pool pool;
  private final BusClient bus;
  private final Taxonomy taxonomy;
  private final Runnable changed;
  private boolean running;
  private long indexed;
  private long total;
  private Instant startedAt;
  private Instant finishedAt;
  private String error;

  Reindexer(Pool pool, BusClient bus, Taxonomy taxonomy, Runnable changed) {
    this.pool = pool;
    this.bus = bus;
    this.taxonomy = taxonomy;
    this.changed = changed;
  }

  /** Builds once per database: when nothing is built yet, under the build lock. */
  Future<Void> buildIfNeeded() {
    return pool.getConnection().compose(lock -> lock.query(SearchSql.LOCK_BUILD).execute()
      .compose(locked -> pool.query(SearchSql.BUILT).execute())
      .compose(rows -> rows.size() > 0 ? Future.<Void>succeededFuture() : run(true))
      .eventually(() -> lock.query(SearchSql.UNLOCK_BUILD).execute().eventually(lock::close)));
  }

  /** Starts a rebuild in the background unless one runs; replies the status at once. */
  Future<ReindexStatus> start() {
    if (!running) {
      run(false).onFailure(t -> LOG.warning("search rebuild failed: " + t.getMessage()));
    }
    return status();
  }

  /** A rebuild unless one runs, completing when it ends (the OpenSearch backend's rebuild follows it). */
  Future<Void> rebuild() {
    return running ? Future.failedFuture(new IllegalStateException("a rebuild is running")) : run(false);
  }

  Future<ReindexStatus> status() {
    return pool.query(SearchSql.SEARCHABLE).execute().map(rows -> new ReindexStatus(running, indexed,
      Math.max(total, indexed), startedAt, finishedAt, error, rows.iterator().next().getLong("n")));
  }

  /**
   * The log was purged past the consumer's checkpoint: rebuild (in the consumer's transaction) and
   * go on after the export's position.
   */
  Future<Long> rebuildInConsumer(SqlClient tx, long oldestKept) {
    LOG.warning("the catalog's event log no longer keeps the events after search's checkpoint: rebuilding from the export");
    return taxonomy.copyCategories(tx).compose(v -> taxonomy.copyAttributes(tx))
      .compose(v -> pages(null, -1, page -> DocumentWriter.upsert(tx, page.items()).mapEmpty()));
  }

  private Future<Void> run(boolean first) {
    running = true;
    indexed = 0;
    total = 0;
    error = null;
    startedAt = Instant.now();
    finishedAt = null;
    return pool.query(SearchSql.INDEXED).execute().compose(expected -> {
      total = expected.iterator().next().getLong("n");
      return pool.query(SearchSql.NOW).execute();
    }).compose(now -> {
      OffsetDateTime started = now.iterator().next().getOffsetDateTime("now");
      return pool.withTransaction(tx -> taxonomy.copyCategories(tx).compose(v -> taxonomy.copyAttributes(tx)))
        .compose(v -> taxonomy.load())
        .compose(v -> pages(null, -1, page -> pool.withTransaction(tx -> DocumentWriter.upsert(tx, page.items())).mapEmpty()))
        .compose(position -> pool.withTransaction(tx -> tx.preparedQuery(SearchSql.DROP_UNSEEN).execute(Tuple.of(started))
          .compose(v -> first ? LogConsumer.setCheckpoint(tx, CatalogFeed.CONSUMER, CatalogFeed.SOURCE, position)
            : Future.succeededFuture())
          .compose(v -> tx.query(SearchSql.MARK_BUILT).execute())))
        .compose(v -> pool.query(SearchSql.VACUUM_ANALYZE).execute().<Void>mapEmpty().recover(t -> {
          LOG.warning("search: VACUUM ANALYZE after the build failed: " + t.getMessage());
          return Future.succeededFuture();
        }));
    }).<Void>mapEmpty().onComplete(ar -> {
      running = false;
      finishedAt = Instant.now();
      if (ar.failed()) {
        error = String.valueOf(ar.cause().getMessage());
      } else {
        LOG.info("search index built: " + indexed + " products");
      }
      changed.run();
    });
  }

  /**
   * Pages through the export from {@code after}, writing each page; completes with the log
   * position of the first page (the export reflects every event up to it).
   */
  private Future<Long> pages(UUID after, long firstPosition, Function<ProductExport, Future<Void>> write) {
    Promise<Long> done = Promise.promise();
    next(after, firstPosition, write, done);
    return done.future();
  }

  private void next(UUID after, long firstPosition, Function<ProductExport, Future<Void>> write, Promise<Long> done) {
    bus.request(CatalogApi.EXPORT_PRODUCTS, new ExportProducts(after, PAGE), Caller.SYSTEM)
      .compose(page -> write.apply(page).map(page))
      .onSuccess(page -> {
        long position = firstPosition < 0 ? page.logPosition() : firstPosition;
        indexed += page.items().size();
        total = page.next() == null ? indexed : Math.max(total, indexed + 1);
        if (page.next() == null) {
          done.complete(position);
        } else {
          next(page.next(), position, write, done);
        }
      })
      .onFailure(done::fail);
  }
}
