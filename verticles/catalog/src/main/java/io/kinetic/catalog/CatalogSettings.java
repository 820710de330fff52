package io.kinetic.catalog;

import io.kinetic.kernel.config.AppConfig;

/**
 * The catalog's own configuration, what its verticle is given: the database it owns, its
 * {@code catalog.*} section, and the key its list cursors are signed with.
 */
record CatalogSettings(String pgUrl, int poolSize, AppConfig.Catalog catalog, CursorCodec cursors) {

  static CatalogSettings of(AppConfig config) {
    return new CatalogSettings(config.pg().url(), config.pg().poolSize(), config.catalog(),
      CursorCodec.fromSecret(config.auth().jwtSecret()));
  }
}
