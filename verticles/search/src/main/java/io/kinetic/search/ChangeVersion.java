package io.kinetic.search;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Follows the database's change version ({@link SearchSql#CHANGE_VERSION}, moved at the commit of
 * every write answers depend on, whichever node made it) and its log ({@code change_log}, V4): when
 * it moved since the last poll, the node retires the cached answers the changes can affect: those
 * depending on the products whose price, units or availability alone changed (as far as such a
 * change can alter them: {@link ResultCache.Dependencies#affectedBy}), or every answer for
 * any other change (then what the node keeps in memory besides, the taxonomy's facets and labels
 * and the synonyms, is read again, and the answers retired once more when it is: an answer is never
 * computed from a copy older than the version it is kept under; and the lexicon is refreshed). A
 * failed poll, a version without log rows or more than {@link #MAX_BEHIND} versions at once retire
 * everything. Polled every {@link SearchVerticle#VERSION_POLL_MILLIS}, and at once after this
 * node's own changes commit ({@link #poll()} while a poll runs polls again after it). On the
 * verticle's context.
 */
final class ChangeVersion {

  /** More versions than this since the last poll: everything is retired rather than read. */
  static final long MAX_BEHIND = 2_000;

  private final Pool pool;
  private final ResultCache.Generation generation;
  private final Supplier<Future<?>> reload;
  private final Runnable wordsChanged;
  private long seen;
  private boolean known;
  private boolean polling;
  private boolean again;

  /** {@code wordsChanged}: something but a price, units or availability changed (the lexicon refreshes). */
  ChangeVersion(Pool pool, ResultCache.Generation generation, Supplier<Future<?>> reload, Runnable wordsChanged) {
    this.pool = pool;
    this.generation = generation;
    this.reload = reload;
    this.wordsChanged = wordsChanged;
  }

  void poll() {
    if (polling) {
      again = true;
      return;
    }
    polling = true;
    again = false;
    long from = known ? seen : Long.MAX_VALUE;
    pool.preparedQuery(SearchSql.CHANGES_SINCE).execute(Tuple.of(from, MAX_BEHIND)).onComplete(ar -> {
      try {
        if (ar.failed() || ar.result().size() == 0) {
          known = false;
          everything(true); // what changed is unknown: the words too
          return;
        }
        long version = 0;
        var versions = new HashSet<Long>();
        var changes = new ArrayList<ResultCache.Change>();
        boolean all = false;
        boolean words = false;
        for (Row row : ar.result()) {
          version = row.getLong("current");
          Long at = row.getLong("version");
          if (at == null) {
            continue;
          }
          versions.add(at);
          UUID product = row.getUUID("product_id");
          if (product == null) {
            all = true;
            words |= !row.getBoolean("lexicon");
          } else {
            changes.add(ResultCache.Change.of(at, product, row.getString("currency"), row.getBoolean("card"),
              row.getLong("old_min"), row.getLong("new_min"), row.getLong("old_max"), row.getLong("new_max")));
          }
        }
        if (!known) {
          known = true;
          seen = version;
          everything(false);
          return;
        }
        if (version == seen) {
          return;
        }
        // every version since the last poll must have said what it changed
        boolean unknown = version < seen || version - seen > MAX_BEHIND || versions.size() != version - seen;
        seen = version;
        if (all || unknown) {
          everything(words || unknown);
        } else {
          generation.retire(changes); // in version order: a price moved twice is patched twice
        }
      } finally {
        polling = false;
        if (again) {
          poll();
        }
      }
    });
  }

  private void everything(boolean words) {
    if (words) {
      wordsChanged.run();
    }
    generation.next();
    reload.get().onComplete(done -> generation.next());
  }
}
