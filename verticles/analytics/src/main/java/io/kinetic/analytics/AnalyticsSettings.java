package io.kinetic.analytics;

import io.kinetic.kernel.config.AppConfig;

/** What the analytics verticle needs of the configuration: its database, how its consumers read, the shop's currency. */
record AnalyticsSettings(String pgUrl, int poolSize, AppConfig.Outbox outbox, long busTimeoutMillis, String defaultCurrency) {
}
