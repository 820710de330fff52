package io.kinetic.analytics;

import io.kinetic.kernel.config.AppConfig;

import java.util.List;

/**
 * What the analytics verticle needs of the configuration: its database, how its consumers read, the
 * shop's default currency and the ones it sells ({@code cart.currencies}).
 */
record AnalyticsSettings(String pgUrl, int poolSize, AppConfig.Outbox outbox, long busTimeoutMillis, String defaultCurrency,
                         List<String> currencies) {
}
