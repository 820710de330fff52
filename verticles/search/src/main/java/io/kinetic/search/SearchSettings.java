package io.kinetic.search;

import io.kinetic.kernel.config.AppConfig;

/**
 * What the search verticle is given: the database it owns, how it reads the catalog's event log,
 * the bus timeout, the currency of a search that names none (the catalog's default), and the
 * OpenSearch backend's settings (not enabled: PostgreSQL answers).
 */
record SearchSettings(String pgUrl, int poolSize, AppConfig.Outbox outbox, long busTimeoutMillis, String defaultCurrency,
                      int lowStockThreshold, AppConfig.OpenSearch opensearch) {
}
