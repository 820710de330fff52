package io.kinetic.identity;

import io.kinetic.kernel.config.AppConfig;

/** What the identity verticle is given: the database it owns, Redis for its rate limits, and {@code auth.*}. */
record IdentitySettings(String pgUrl, int poolSize, String redisUrl, int redisPoolSize, AppConfig.Auth auth) {
}
