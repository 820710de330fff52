package io.kinetic.search;

import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.ContextModule;
import io.kinetic.kernel.contract.Contract;
import io.kinetic.kernel.contract.search.SearchApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The search context: a projection of the catalog for full-text search with facets (PostgreSQL
 * full text, pg_trgm, unaccent, or OpenSearch fed from the projection when
 * {@code COMMERCE_OPENSEARCH_URL} is set), kept by the catalog's event log. Schema {@value #SCHEMA}
 * ({@code classpath:db/search}), the contract {@link SearchApi}, one {@link SearchVerticle} per node.
 */
public final class SearchModule implements ContextModule {

  public static final String SCHEMA = "search";

  @Override
  public Contract contract() {
    return SearchApi.CONTRACT;
  }

  @Override
  public Future<String> deployVerticles(Vertx vertx, AppConfig config) {
    var settings = new SearchSettings(config.pg().url(), Math.max(4, config.pg().poolSize()), config.outbox(),
      config.bus().timeoutMillis(), config.catalog().defaultCurrency(), config.catalog().lowStockThreshold(), config.opensearch());
    return vertx.deployVerticle(new SearchVerticle(settings));
  }

  /**
   * Makes the next start rebuild the index from the catalog's export: for a catalogue replaced
   * wholesale (reseeded) without events. Run it while the engine is stopped; the schema is migrated.
   */
  public static Future<Void> rebuildOnNextStart(Vertx vertx, String pgUrl) {
    var pool = io.kinetic.kernel.pg.PgPools.forTask(vertx, pgUrl, 1, SCHEMA, "reset");
    return pool.query(SearchSql.FORGET_BUILD).execute().<Void>mapEmpty().eventually(pool::close);
  }
}
