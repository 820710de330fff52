package io.kinetic.catalog;

import io.kinetic.kernel.config.AppConfig;
import java.util.List;

/**
 * The catalog's own configuration, what its verticle is given: the database it owns, its
 * {@code catalog.*} section, the key its list cursors are signed with, and the currencies the shop
 * sells ({@code cart.currencies}, the default one first): a price may be set only in one of them.
 */
record CatalogSettings(String pgUrl, int poolSize, AppConfig.Catalog catalog, CursorCodec cursors, List<String> currencies) {

  static CatalogSettings of(AppConfig config) {
    return new CatalogSettings(config.pg().url(), config.pg().poolSize(), config.catalog(),
      CursorCodec.fromSecret(config.auth().jwtSecret()), config.cart().currencies());
  }
}
