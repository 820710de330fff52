package io.kinetic.catalog;

import io.kinetic.kernel.bus.Addresses.Catalog;
import io.kinetic.kernel.bus.Headers;
import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.catalog.AddVariant;
import io.kinetic.kernel.contract.catalog.DeleteCategory;
import io.kinetic.kernel.contract.catalog.DeleteProduct;
import io.kinetic.kernel.contract.catalog.ExportProducts;
import io.kinetic.kernel.contract.catalog.GetAdminProduct;
import io.kinetic.kernel.contract.catalog.GetProduct;
import io.kinetic.kernel.contract.catalog.GetProductBySlug;
import io.kinetic.kernel.contract.catalog.GetVariants;
import io.kinetic.kernel.contract.catalog.ListAttributes;
import io.kinetic.kernel.contract.catalog.ListCategories;
import io.kinetic.kernel.contract.catalog.ListProducts;
import io.kinetic.kernel.contract.catalog.RemoveVariant;
import io.kinetic.kernel.contract.catalog.SetPrice;
import io.kinetic.kernel.contract.catalog.SetStock;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.log.Logs;
import io.kinetic.kernel.pg.PgPools;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The catalog service: answers every {@code catalog.*} request address. Deploy as many instances
 * as event loops: they share the node's {@link CatalogState} (caches and snapshots), and the first
 * one to start runs the node's {@link CatalogNode}, which follows the catalog's events (published by
 * any node) and keeps that state coherent.
 */
public final class CatalogVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(CatalogVerticle.class.getName());

  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private Pool pool;
  private CatalogState state;

  @Override
  public Future<?> start() {
    AppConfig cfg = AppConfig.from(config());
    pool = PgPools.create(vertx, cfg.pg().url(), cfg.pg().poolSize(), CatalogModule.SCHEMA);
    Duration ttl = Duration.ofSeconds(cfg.catalog().cacheTtlSeconds());
    state = CatalogState.of(vertx, cfg.catalog().cacheSize(), ttl);
    Future<Void> node = state.join(() -> new CatalogNode(vertx, state, cfg.pg().url(), ttl.toMillis()));
    var afterCommit = new AfterCommit(state, vertx);
    var reader = new ProductReader(pool, state.cache());
    var queries = new ProductQueries(pool, state, reader, cfg.catalog().defaultCurrency(),
      CursorCodec.fromSecret(cfg.auth().jwtSecret()));
    var variantQueries = new VariantQueries(pool, state, reader, cfg.catalog().defaultCurrency());
    var products = new ProductService(pool, afterCommit);
    var variants = new VariantService(pool, afterCommit);
    var categories = new CategoryService(pool, state, afterCommit, cfg.catalog().defaultLocale());
    var attributes = new AttributeService(pool, state, afterCommit, cfg.catalog().defaultLocale());

    serve(Catalog.GET_PRODUCT, (GetProduct q, String cid) -> queries.get(q));
    serve(Catalog.GET_PRODUCT_BY_SLUG, (GetProductBySlug q, String cid) -> queries.get(q));
    serve(Catalog.GET_ADMIN_PRODUCT, (GetAdminProduct q, String cid) -> queries.admin(q));
    serve(Catalog.GET_VARIANTS, (GetVariants q, String cid) -> variantQueries.get(q));
    serve(Catalog.LIST_PRODUCTS, (ListProducts q, String cid) -> queries.list(q));
    serve(Catalog.CREATE_PRODUCT, products::create);
    serve(Catalog.UPDATE_PRODUCT, products::update);
    serve(Catalog.DELETE_PRODUCT, (DeleteProduct c, String cid) -> products.delete(c.id(), cid));
    serve(Catalog.ADD_VARIANT, (AddVariant c, String cid) -> variants.add(c, cid));
    serve(Catalog.REMOVE_VARIANT, (RemoveVariant c, String cid) -> variants.remove(c, cid));
    serve(Catalog.SET_PRICE, (SetPrice c, String cid) -> variants.setPrice(c, cid));
    serve(Catalog.SET_STOCK, (SetStock c, String cid) -> variants.setStock(c, cid));
    serve(Catalog.LIST_CATEGORIES, (ListCategories q, String cid) -> Future.succeededFuture(categories.list(q)));
    serve(Catalog.SAVE_CATEGORY, categories::save);
    serve(Catalog.DELETE_CATEGORY, (DeleteCategory c, String cid) -> categories.delete(c.id(), cid));
    serve(Catalog.LIST_ATTRIBUTES, (ListAttributes q, String cid) -> Future.succeededFuture(attributes.list(q)));
    serve(Catalog.DEFINE_ATTRIBUTE, attributes::define);
    serve(Catalog.DELETE_ATTRIBUTE, attributes::delete);
    var exporter = new ProductExporter(pool);
    serve(Catalog.EXPORT_PRODUCTS, (ExportProducts q, String cid) -> exporter.export(q));

    return node
      .compose(v -> Future.all(consumers.stream().map(MessageConsumer::completion).toList()));
  }

  @Override
  public Future<?> stop() {
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList())
      .eventually(() -> state == null ? Future.succeededFuture() : state.leave())
      .eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }

  /** Answers requests at {@code address}; a failure is replied as its {@link Failure}, unexpected ones are logged here. */
  private <T> void serve(String address, BiFunction<T, String, Future<?>> handler) {
    consumers.add(vertx.eventBus().<T>consumer(address, message -> {
      String cid = message.headers().get(Headers.CORRELATION_ID);
      Future<?> result;
      try {
        result = message.body() == null
          ? Future.failedFuture(ErrorCode.VALIDATION_FAILED.failure("the message has no body"))
          : handler.apply(message.body(), cid);
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      result.onComplete(ar -> {
        if (ar.succeeded()) {
          message.reply(ar.result());
        } else {
          fail(message, address, cid, ar.cause());
        }
      });
    }));
  }

  private static void fail(Message<?> message, String address, String cid, Throwable cause) {
    Failure failure = Failure.from(cause);
    if (failure.errorCode() == ErrorCode.INTERNAL) {
      LOG.log(Level.SEVERE, Logs.withCorrelation(cid, address + " failed"), cause);
    }
    failure.replyTo(message);
  }
}
