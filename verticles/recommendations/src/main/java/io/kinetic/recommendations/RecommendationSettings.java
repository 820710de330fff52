package io.kinetic.recommendations;

import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.config.ConfigException;
import io.vertx.core.json.JsonObject;

/**
 * The recommender's settings (config section {@code recommendations}, env {@code COMMERCE_RECOMMENDATIONS_*})
 * with what it needs of the rest of the configuration.
 *
 * @param maxBatchEvents events per ingestion batch
 * @param sessionBatchesPerMinute batches one storefront session may send per minute
 * @param ipBatchesPerMinute batches one client address may send per minute
 * @param retentionDays how long behaviour events and order lines are kept (and learned from after a restart)
 * @param neighbours the top-k neighbours kept per product, per model
 * @param longViewSeconds a product page left after this long counts as a long view
 * @param trendingHalfLifeMinutes how fast trending forgets
 * @param popularityHalfLifeDays how fast popularity forgets
 * @param abSplitPercent the sessions in A/B arm b (0: no test, everyone in arm a)
 */
record RecommendationSettings(String pgUrl, int poolSize, String redisUrl, int redisPoolSize, AppConfig.Outbox outbox,
                              long busTimeoutMillis, String defaultLocale, String defaultCurrency, int maxBatchEvents,
                              int sessionBatchesPerMinute, int ipBatchesPerMinute, int retentionDays, int neighbours,
                              int longViewSeconds, int trendingHalfLifeMinutes, int popularityHalfLifeDays,
                              int abSplitPercent) {

  static final String SECTION = "recommendations";

  static RecommendationSettings from(AppConfig config) {
    JsonObject section = config.raw().getJsonObject(SECTION);
    if (section == null) {
      throw new ConfigException(SECTION, "section is missing");
    }
    return new RecommendationSettings(config.pg().url(), Math.min(4, config.pg().poolSize()), config.redis().url(),
      config.redis().poolSize(), config.outbox(), config.bus().timeoutMillis(), config.catalog().defaultLocale(),
      config.catalog().defaultCurrency(), integer(section, "maxBatchEvents", 1, 1000),
      integer(section, "sessionBatchesPerMinute", 1, 1_000_000), integer(section, "ipBatchesPerMinute", 1, 10_000_000),
      integer(section, "retentionDays", 1, 3650), integer(section, "neighbours", 1, 200),
      integer(section, "longViewSeconds", 1, 3600), integer(section, "trendingHalfLifeMinutes", 1, 100_000),
      integer(section, "popularityHalfLifeDays", 1, 3650), integer(section, "abSplitPercent", 0, 100));
  }

  private static int integer(JsonObject section, String key, int min, int max) {
    Object v = section.getValue(key);
    if (!(v instanceof Number n) || n.doubleValue() != n.intValue()) {
      throw new ConfigException(SECTION + "." + key, "must be a whole number, got " + v);
    }
    if (n.intValue() < min || n.intValue() > max) {
      throw new ConfigException(SECTION + "." + key, "must be between " + min + " and " + max + ", got " + n);
    }
    return n.intValue();
  }
}
