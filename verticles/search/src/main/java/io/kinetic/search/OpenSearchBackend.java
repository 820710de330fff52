package io.kinetic.search;

import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.search.ReindexStatus;
import io.kinetic.kernel.contract.search.SearchQuery;
import io.kinetic.kernel.contract.search.SearchResult;
import io.kinetic.kernel.contract.search.Suggest;
import io.kinetic.kernel.contract.search.Suggestions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The OpenSearch backend ({@code COMMERCE_OPENSEARCH_URL}): searches and autocomplete answered by
 * OpenSearch ({@link OpenSearchSearches}), its index kept a copy of the PostgreSQL projection
 * ({@link OpenSearchSync}) and rebuilt without downtime ({@link OpenSearchIndex}). The projection,
 * synonyms, taxonomy and query log stay in PostgreSQL, as with the PostgreSQL backend. While
 * OpenSearch cannot be reached (down, or its index not built yet), searches are answered by
 * PostgreSQL (unless {@code opensearch.fallback} is false: then they fail) and the changes wait in the queue.
 */
final class OpenSearchBackend {

  private static final Logger LOG = Logger.getLogger(OpenSearchBackend.class.getName());
  static final long ENSURE_RETRY_MILLIS = 5_000;
  private static final long LOG_EVERY_MILLIS = 30_000;

  private final Vertx vertx;
  private final OpenSearchHttp http;
  private final OpenSearchIndex index;
  private final OpenSearchSync sync;
  private final OpenSearchSearches searches;
  private final Reindexer reindexer;
  private long timer = -1;
  private boolean running;
  private Instant startedAt;
  private Instant finishedAt;
  private String error;
  private long lastFallbackLogged;
  private final boolean fallback;

  OpenSearchBackend(Vertx vertx, Pool pool, AppConfig.OpenSearch config, Taxonomy taxonomy, Synonyms synonyms, QueryLog queryLog,
                    Reindexer reindexer, ResultCache.Generation generation, String defaultCurrency, int lowStock) {
    this.vertx = vertx;
    this.reindexer = reindexer;
    this.fallback = config.fallback();
    this.http = new OpenSearchHttp(config.url(), vertx.getOrCreateContext());
    this.index = new OpenSearchIndex(vertx, pool, http, config.index());
    this.sync = new OpenSearchSync(vertx, pool, http, config.index(), generation::next);
    this.searches = new OpenSearchSearches(http, config.index(), taxonomy, synonyms, queryLog, defaultCurrency, generation, lowStock);
  }

  /**
   * Installs the queue and builds the index when there is none, before the node serves; when
   * OpenSearch cannot be reached, the node starts anyway and keeps trying in the background.
   */
  Future<Void> start() {
    return sync.install().compose(v -> {
      timer = vertx.setPeriodic(OpenSearchSync.POLL_MILLIS, id -> sync.drain());
      return ensure().otherwiseEmpty();
    });
  }

  private Future<Void> ensure() {
    return index.ensure().onSuccess(v -> sync.drain()).onFailure(t -> {
      LOG.warning("the OpenSearch index could not be checked or built (searches use PostgreSQL meanwhile), retrying: " + t.getMessage());
      vertx.setTimer(ENSURE_RETRY_MILLIS, id -> ensure());
    });
  }

  /** A change committed in the projection: written to the index now. */
  void changed() {
    sync.wake();
  }

  Future<SearchResult> search(SearchQuery q, Function<SearchQuery, Future<SearchResult>> postgres) {
    return fallback(searches.search(q), () -> postgres.apply(q));
  }

  Future<Suggestions> suggest(Suggest q, Function<Suggest, Future<Suggestions>> postgres) {
    return fallback(searches.suggest(q), () -> postgres.apply(q));
  }

  /** OpenSearch unreachable, failing or without the index: PostgreSQL answers. A refused request (a bug) stays an error. */
  private <T> Future<T> fallback(Future<T> answer, Supplier<Future<T>> postgres) {
    return answer.recover(t -> {
      if (!fallback || t instanceof OpenSearchHttp.Failed failed && failed.status < 500 && failed.status != 404 || t instanceof io.kinetic.kernel.error.Failure) {
        return Future.failedFuture(t);
      }
      long now = System.currentTimeMillis();
      if (now - lastFallbackLogged > LOG_EVERY_MILLIS) {
        lastFallbackLogged = now;
        LOG.warning("OpenSearch did not answer a search, PostgreSQL did: " + t);
      }
      return postgres.get();
    });
  }

  /**
   * The full rebuild: the projection from the catalog's export (as with PostgreSQL), then a new
   * index from the projection, swapped in by its alias. Replies the status at once.
   */
  Future<ReindexStatus> reindex() {
    if (!running) {
      running = true;
      startedAt = Instant.now();
      finishedAt = null;
      error = null;
      index.resetProgress();
      reindexer.rebuild().compose(v -> index.rebuild()).onComplete(ar -> {
        running = false;
        finishedAt = Instant.now();
        if (ar.failed()) {
          error = String.valueOf(ar.cause().getMessage());
          LOG.warning("search rebuild failed: " + error);
        }
      });
    }
    return status();
  }

  /** Progress over both steps; {@code searchable}: the products in the index searched now. */
  Future<ReindexStatus> status() {
    return reindexer.status().compose(projection -> index.count().otherwise(projection.documents()).map(searchable -> {
      boolean started = startedAt != null;
      long indexed = started ? projection.indexed() + index.loaded() : projection.indexed();
      long total = started ? projection.total() + Math.max(index.toLoad(), projection.total()) : projection.total();
      return new ReindexStatus(running || projection.running(), indexed, Math.max(total, indexed),
        started ? startedAt : projection.startedAt(), started ? finishedAt : projection.finishedAt(),
        error != null ? error : projection.error(), searchable);
    }));
  }

  void close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    http.close();
  }
}
