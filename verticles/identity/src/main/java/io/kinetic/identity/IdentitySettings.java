package io.kinetic.identity;

import io.kinetic.kernel.config.AppConfig;

/**
 * What the identity verticle is given: the database it owns, Redis for its rate limits,
 * {@code auth.*}, and how it reads other contexts' event logs (for the audit log).
 */
record IdentitySettings(String pgUrl, int poolSize, String redisUrl, int redisPoolSize, AppConfig.Auth auth,
                        AppConfig.Outbox outbox, long busTimeoutMillis, boolean auditsOtherContexts) {
}
