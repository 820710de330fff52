package io.kinetic.recommendations;

import io.kinetic.kernel.contract.recommendations.RecommendationsApi;
import io.kinetic.kernel.contract.recommendations.RecommenderSettings;
import io.kinetic.kernel.contract.recommendations.RecommenderSettings.ArmModels;
import io.kinetic.kernel.contract.recommendations.RecommenderSettings.Arms;
import io.kinetic.kernel.contract.recommendations.SetRecommenderSettings;
import io.kinetic.kernel.bus.Caller;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The admin's settings in PostgreSQL (table {@code settings}, one row), applied on every node: a
 * change is stored (its version one higher), applied here, and announced on
 * {@link RecommendationsApi#SETTINGS_CHANGED} (published: every node); each node then reloads the
 * row, and polls it every {@value #POLL_MILLIS} ms in case a notice was lost. A node applies a
 * version only when it is newer than its own.
 */
final class SettingsStore {

  private static final Logger LOG = Logger.getLogger(SettingsStore.class.getName());
  static final long POLL_MILLIS = 15_000;

  private static final String SELECT = "SELECT ab_split_percent, arms, version, updated_at, updated_by FROM settings WHERE id = 1";
  private static final String UPSERT = """
    INSERT INTO settings (id, ab_split_percent, arms, version, updated_at, updated_by) VALUES (1, $1, $2, 1, now(), $3)
    ON CONFLICT (id) DO UPDATE SET ab_split_percent = EXCLUDED.ab_split_percent, arms = EXCLUDED.arms,
      version = settings.version + 1, updated_at = now(), updated_by = EXCLUDED.updated_by
    RETURNING ab_split_percent, arms, version, updated_at, updated_by
    """;

  private final Vertx vertx;
  private final Pool pool;
  private final RecommenderSettings defaults;
  private final Consumer<RecommenderSettings> apply;
  private RecommenderSettings current;
  private MessageConsumer<Object> notices;
  private long timer = -1;

  SettingsStore(Vertx vertx, Pool pool, RecommenderSettings defaults, Consumer<RecommenderSettings> apply) {
    this.vertx = vertx;
    this.pool = pool;
    this.defaults = defaults;
    this.current = defaults;
    this.apply = apply;
  }

  /** Loads and applies the stored settings, then listens for changes and polls. */
  Future<Void> start() {
    notices = vertx.eventBus().consumer(RecommendationsApi.SETTINGS_CHANGED, message -> reload());
    return notices.completion().compose(v -> load()).map(settings -> {
      offer(settings);
      timer = vertx.setPeriodic(POLL_MILLIS, id -> reload());
      return null;
    });
  }

  void stop() {
    vertx.cancelTimer(timer);
    if (notices != null) {
      notices.unregister();
    }
  }

  RecommenderSettings current() {
    return current;
  }

  Future<RecommenderSettings> set(SetRecommenderSettings q, Caller caller) {
    try {
      ModelChoices.check(q);
    } catch (RuntimeException invalid) {
      return Future.failedFuture(invalid);
    }
    JsonObject arms = JsonObject.mapFrom(q.arms());
    return pool.preparedQuery(UPSERT).execute(Tuple.tuple().addValue(q.abSplitPercent()).addValue(arms).addValue(caller.actor()))
      .map(rows -> {
        RecommenderSettings stored = read(rows.iterator().next());
        offer(stored);
        vertx.eventBus().publish(RecommendationsApi.SETTINGS_CHANGED, Long.toString(stored.version()));
        return stored;
      });
  }

  private void reload() {
    load().onSuccess(this::offer).onFailure(t -> LOG.warning("recommender settings not reloaded, will retry: " + t.getMessage()));
  }

  private Future<RecommenderSettings> load() {
    return pool.query(SELECT).execute().map(rows -> rows.size() == 0 ? defaults : read(rows.iterator().next()));
  }

  private void offer(RecommenderSettings settings) {
    if (settings.version() > current.version()) {
      current = settings;
      apply.accept(settings);
      LOG.info("recommender settings version " + settings.version() + " applied: split " + settings.abSplitPercent()
        + " %, arms " + settings.arms());
    }
  }

  private static RecommenderSettings read(Row row) {
    JsonObject arms = (JsonObject) row.getValue("arms");
    return new RecommenderSettings(row.getInteger("ab_split_percent"),
      new Arms(arms.getJsonObject("a").mapTo(ArmModels.class), arms.getJsonObject("b").mapTo(ArmModels.class)),
      row.getLong("version"), row.getOffsetDateTime("updated_at").toInstant(), row.getString("updated_by"));
  }
}
