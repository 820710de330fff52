package io.kinetic.catalog;

import io.kinetic.kernel.bus.BusServer;
import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.pg.PgPools;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;

/**
 * The catalog service: answers every {@code catalog.*} request address. Deploy as many instances
 * as event loops: they share the node's {@link CatalogState} (caches and snapshots), and the first
 * one to start runs the node's {@link CatalogNode}, which follows the catalog's events (published by
 * any node) and keeps that state coherent.
 */
public final class CatalogVerticle extends VerticleBase {

  private final CatalogSettings settings;
  private Pool pool;
  private CatalogState state;

  CatalogVerticle(CatalogSettings settings) {
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    AppConfig.Catalog cfg = settings.catalog();
    pool = PgPools.create(vertx, settings.pgUrl(), settings.poolSize(), CatalogModule.SCHEMA);
    Duration ttl = Duration.ofSeconds(cfg.cacheTtlSeconds());
    state = CatalogState.of(vertx, cfg.cacheSize(), ttl);
    Future<Void> node = state.join(() -> new CatalogNode(vertx, state, settings.pgUrl(), ttl.toMillis()));
    var afterCommit = new AfterCommit(state, vertx);
    var reader = new ProductReader(pool, state.cache());
    var queries = new ProductQueries(pool, state, reader, cfg.defaultCurrency(), settings.cursors());
    var variantQueries = new VariantQueries(pool, state, reader, cfg.defaultCurrency());
    var products = new ProductService(pool, afterCommit, settings.currencies());
    var variants = new VariantService(pool, afterCommit, settings.currencies());
    var categories = new CategoryService(pool, state, afterCommit, cfg.defaultLocale());
    var attributes = new AttributeService(pool, state, afterCommit, cfg.defaultLocale());
    var exporter = new ProductExporter(pool);
    var allocations = new StockAllocations(pool, state, vertx);

    var consumers = List.of(
      BusServer.serve(vertx, CatalogApi.GET_PRODUCT, (q, caller) -> queries.get(q)),
      BusServer.serve(vertx, CatalogApi.GET_PRODUCT_BY_SLUG, (q, caller) -> queries.get(q)),
      BusServer.serve(vertx, CatalogApi.GET_ADMIN_PRODUCT, (q, caller) -> queries.admin(q)),
      BusServer.serve(vertx, CatalogApi.GET_VARIANTS, (q, caller) -> variantQueries.get(q)),
      BusServer.serve(vertx, CatalogApi.LIST_PRODUCTS, (q, caller) -> queries.list(q)),
      BusServer.serve(vertx, CatalogApi.LIST_ADMIN_PRODUCTS, (q, caller) -> queries.listAdmin(q)),
      BusServer.serve(vertx, CatalogApi.CREATE_PRODUCT, products::create),
      BusServer.serve(vertx, CatalogApi.UPDATE_PRODUCT, products::update),
      BusServer.serve(vertx, CatalogApi.DELETE_PRODUCT, (c, caller) -> products.delete(c.id(), caller)),
      BusServer.serve(vertx, CatalogApi.ADD_VARIANT, variants::add),
      BusServer.serve(vertx, CatalogApi.REMOVE_VARIANT, variants::remove),
      BusServer.serve(vertx, CatalogApi.SET_PRICE, variants::setPrice),
      BusServer.serve(vertx, CatalogApi.SET_STOCK, variants::setStock),
      BusServer.serve(vertx, CatalogApi.ALLOCATE_STOCK, allocations::allocate),
      BusServer.serve(vertx, CatalogApi.RELEASE_STOCK, allocations::release),
      BusServer.serve(vertx, CatalogApi.SHIP_STOCK, allocations::ship),
      BusServer.serve(vertx, CatalogApi.RELEASE_UNITS, allocations::releaseUnits),
      BusServer.serve(vertx, CatalogApi.RESTOCK_RETURN, allocations::restock),
      BusServer.serve(vertx, CatalogApi.LIST_CATEGORIES, (q, caller) -> Future.succeededFuture(categories.list(q))),
      BusServer.serve(vertx, CatalogApi.SAVE_CATEGORY, categories::save),
      BusServer.serve(vertx, CatalogApi.DELETE_CATEGORY, (c, caller) -> categories.delete(c.id(), caller)),
      BusServer.serve(vertx, CatalogApi.LIST_ATTRIBUTES, (q, caller) -> Future.succeededFuture(attributes.list(q))),
      BusServer.serve(vertx, CatalogApi.DEFINE_ATTRIBUTE, attributes::define),
      BusServer.serve(vertx, CatalogApi.DELETE_ATTRIBUTE, attributes::delete),
      BusServer.serve(vertx, CatalogApi.EXPORT_PRODUCTS, (q, caller) -> exporter.export(q)));
    return node.compose(v -> Future.all(consumers.stream().map(MessageConsumer::completion).toList()));
  }

  @Override
  public Future<?> stop() {
    return (state == null ? Future.succeededFuture() : state.leave())
      .eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
