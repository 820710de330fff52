package io.kinetic.search;

import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.BusServer;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.bus.Endpoint;
import io.kinetic.kernel.contract.search.SearchApi;
import io.kinetic.kernel.contract.search.SearchQuery;
import io.kinetic.kernel.contract.log.LoggedEvent;
import io.kinetic.kernel.outbox.LogConsumer;
import io.kinetic.kernel.pg.PgPools;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Serves {@link SearchApi} and keeps the projection: builds it from the catalog's export when the
 * database has none yet, then consumes the catalog's event log ({@link CatalogFeed}). Expects the
 * {@code search} schema to be migrated. Timers: the lexicon (after changes), the query log's
 * buffer, and the taxonomy and synonyms other nodes may have changed.
 */
public class SearchVerticle extends VerticleBase {

  static final long RELOAD_MILLIS = 5_000;
  static final long TICK_MILLIS = 500;
  /** How often each node reads the index's change version (what another node changed shows within it). */
  static final long VERSION_POLL_MILLIS = 200;
  static final long PURGE_MILLIS = 3_600_000;
  private static final String EXTENSION_SCHEMAS = """
    SELECT DISTINCT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname IN ('pg_trgm', 'unaccent', 'fuzzystrmatch')""";

  private final SearchSettings settings;
  private final List<Long> timers = new ArrayList<>();
  private Pool pool;
  private LogConsumer feed;
  private QueryLog queryLog;
  private OpenSearchBackend opensearch;

  SearchVerticle(SearchSettings settings) {
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    return extensionSchemas().compose(schemas -> {
      // the search statements carry their page and price bounds in their text: long ones stay unnamed
      pool = PgPools.create(vertx, settings.pgUrl(), settings.poolSize(), SearchModule.SCHEMA, schemas,
        PgPools.SHORT_PREPARED_SQL_LIMIT);
      var bus = new BusClient(vertx, settings.busTimeoutMillis());
      var taxonomy = new Taxonomy(pool, bus);
      var synonyms = new Synonyms(pool);
      var generation = new ResultCache.Generation();
      var lexicon = new Lexicon(pool, generation::next);
      queryLog = new QueryLog(pool);
      var corrections = new Corrections(pool);
      ChangeVersion[] changes = new ChangeVersion[1];
      // an event applied on this node: what it changed is read from the change log at once
      Runnable applied = () -> {
        vertx.runOnContext(v -> changes[0].poll());
        if (opensearch != null) {
          opensearch.changed();
        }
      };
      // a rebuild: everything
      Runnable changed = () -> {
        lexicon.changed();
        generation.next();
        if (opensearch != null) {
          opensearch.changed();
        }
      };
      var reindexer = new Reindexer(pool, bus, taxonomy, changed);
      if (settings.opensearch().enabled()) {
        opensearch = new OpenSearchBackend(vertx, pool, settings.opensearch(), taxonomy, synonyms, queryLog, reindexer, generation,
          settings.defaultCurrency(), settings.lowStockThreshold());
      }
      var searches = new SearchService(pool, taxonomy, synonyms, queryLog, corrections, new ResultCache<SearchQuery, SearchService.Answer>(generation,
          (answer, from, to) -> answer.moveBucket(from, to)), settings.defaultCurrency(), settings.lowStockThreshold());
      var suggester = new Suggester(pool, corrections, new ResultCache<>(generation));
      var outbox = settings.outbox();
      var catalogFeed = new CatalogFeed(bus, taxonomy, applied, settings.lowStockThreshold());
      feed = new LogConsumer(vertx, pool, bus, CatalogFeed.CONSUMER, CatalogFeed.SOURCE, new LogConsumer.Handler() {
          @Override
          public Future<?> apply(SqlConnection tx, LoggedEvent event) {
            return catalogFeed.apply(tx, event).onSuccess(v -> vertx.runOnContext(x -> taxonomyChanged(event.type(), taxonomy)));
          }

          @Override
          public Future<?> prepare(List<LoggedEvent> events) {
            return catalogFeed.prepare(pool, events);
          }
        },
        outbox.batchSize(), outbox.pollMillis(), 3, reindexer::rebuildInConsumer)
        .relaxCommits(); // documents written by version: a redo writes the same ones
      timers.add(vertx.setPeriodic(TICK_MILLIS, id -> {
        lexicon.tick();
        queryLog.flush();
      }));
      changes[0] = new ChangeVersion(pool, generation, () -> taxonomy.load().compose(v -> synonyms.load()), lexicon::changed);
      timers.add(vertx.setPeriodic(VERSION_POLL_MILLIS, id -> changes[0].poll()));
      timers.add(vertx.setPeriodic(RELOAD_MILLIS, id -> {
        taxonomy.load().compose(v -> synonyms.load());
        pool.query(SearchSql.PURGE_CHANGE_LOG).execute();
      }));
      timers.add(vertx.setPeriodic(PURGE_MILLIS, id -> queryLog.purge()));
      return Future.all(List.of(
          serve(SearchApi.SEARCH, (q, caller) -> opensearch == null ? searches.search(q) : opensearch.search(q, searches::search)),
          serve(SearchApi.SUGGEST, (q, caller) -> opensearch == null ? suggester.suggest(q) : opensearch.suggest(q, suggester::suggest)),
          serve(SearchApi.REINDEX, (q, caller) -> opensearch == null ? reindexer.start() : opensearch.reindex()),
          serve(SearchApi.GET_REINDEX_STATUS, (q, caller) -> opensearch == null ? reindexer.status() : opensearch.status()),
          serve(SearchApi.LIST_SYNONYMS, (q, caller) -> Future.succeededFuture(synonyms.list(q))),
          serve(SearchApi.SAVE_SYNONYM, (q, caller) -> synonyms.save(q).onSuccess(v -> generation.next())),
          serve(SearchApi.DELETE_SYNONYM, (q, caller) -> synonyms.delete(q.id()).onSuccess(v -> generation.next())),
          serve(SearchApi.GET_ANALYTICS, (q, caller) -> queryLog.analytics(q)),
          serve(SearchApi.RECORD_CLICK, (q, caller) -> queryLog.click(q))))
        .compose(v -> taxonomy.load())
        .compose(v -> synonyms.load())
        .compose(v -> reindexer.buildIfNeeded())
        .compose(v -> taxonomy.load())
        .compose(v -> lexicon.tick())
        .compose(v -> opensearch == null ? Future.succeededFuture() : opensearch.start())
        .compose(v -> feed.start());
    });
  }

  @Override
  public Future<?> stop() {
    timers.forEach(vertx::cancelTimer);
    if (opensearch != null) {
      opensearch.close();
    }
    Future<Void> flushed = queryLog == null ? Future.succeededFuture() : queryLog.flush().recover(t -> Future.succeededFuture());
    Future<Void> stopped = feed == null ? Future.succeededFuture() : feed.stop();
    return Future.all(flushed, stopped).eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }

  /** A category or attribute changed on this node: labels and facet codes follow at once. */
  private static void taxonomyChanged(String type, Taxonomy taxonomy) {
    if (type.endsWith("category-changed") || type.endsWith("attribute-changed")) {
      taxonomy.load();
    }
  }

  /** The schemas holding the extensions when not the search schema (another schema created them first). */
  private Future<List<String>> extensionSchemas() {
    Pool probe = PgPools.forTask(vertx, settings.pgUrl(), 1, SearchModule.SCHEMA, "probe");
    return probe.query(EXTENSION_SCHEMAS).execute().map(rows -> {
      var schemas = new ArrayList<String>();
      for (Row row : rows) {
        schemas.add(row.getString(0));
      }
      return (List<String>) schemas;
    }).eventually(probe::close);
  }

  private <Q, R> Future<Void> serve(Endpoint<Q, R> endpoint, BiFunction<Q, Caller, Future<R>> action) {
    return BusServer.serve(vertx, endpoint, action).completion();
  }
}
