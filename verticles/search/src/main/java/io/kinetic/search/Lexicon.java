package io.kinetic.search;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.logging.Logger;

/**
 * The known words (spelling corrections) and brands (autocomplete) are materialized views over
 * the projection: refreshed at most once per tick after a change, not per event, and concurrently,
 * so searches keep reading the previous words meanwhile.
 */
final class Lexicon {

  private static final Logger LOG = Logger.getLogger(Lexicon.class.getName());

  private final Pool pool;
  private final Runnable refreshed;
  private volatile boolean stale = true;
  private boolean refreshing;

  /** {@code refreshed}: called after each refresh (answers computed with the old words are stale). */
  Lexicon(Pool pool, Runnable refreshed) {
    this.pool = pool;
    this.refreshed = refreshed;
  }

  /** Something the views read changed. Cheap; callable from any thread. */
  void changed() {
    stale = true;
  }

  /** Refreshes when stale; on the verticle's context. */
  Future<Void> tick() {
    if (!stale || refreshing) {
      return Future.succeededFuture();
    }
    stale = false;
    refreshing = true;
    return pool.query(SearchSql.REFRESH_LEXICON).execute()
      .compose(v -> pool.query(SearchSql.REFRESH_BRANDS).execute())
      .compose(v -> pool.query(SearchSql.BUMP_CHANGE_VERSION).execute())
      .<Void>mapEmpty()
      .onSuccess(v -> refreshed.run())
      .onFailure(t -> {
        stale = true;
        LOG.warning("search lexicon refresh failed, retrying: " + t.getMessage());
      })
      .eventually(() -> {
        refreshing = false;
        return Future.succeededFuture();
      });
  }
}
