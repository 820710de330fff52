package io.kinetic.catalog;

import io.kinetic.kernel.bus.Addresses.Catalog;
import io.kinetic.kernel.bus.Headers;
import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.catalog.AddVariant;
import io.kinetic.kernel.contract.catalog.CatalogEvent;
import io.kinetic.kernel.contract.catalog.DeleteCategory;
import io.kinetic.kernel.contract.catalog.DeleteProduct;
import io.kinetic.kernel.contract.catalog.GetAdminProduct;
import io.kinetic.kernel.contract.catalog.GetProduct;
import io.kinetic.kernel.contract.catalog.GetProductBySlug;
import io.kinetic.kernel.contract.catalog.ListAttributes;
import io.kinetic.kernel.contract.catalog.ListCategories;
import io.kinetic.kernel.contract.catalog.ListProducts;
import io.kinetic.kernel.contract.catalog.ProductDeleted;
import io.kinetic.kernel.contract.catalog.ProductUpdated;
import io.kinetic.kernel.contract.catalog.RemoveVariant;
import io.kinetic.kernel.contract.catalog.SetPrice;
import io.kinetic.kernel.contract.catalog.SetStock;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.log.Logs;
import io.kinetic.kernel.outbox.OutboxRelay;
import io.kinetic.kernel.pg.PgPools;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The catalog service: answers every {@code catalog.*} request address and keeps this Vert.x
 * instance's shared cache coherent with the catalog's own events (published by any node).
 * Deploy as many instances as event loops: they share the pool, the cache and the snapshots.
 */
public final class CatalogVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(CatalogVerticle.class.getName());

  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private Pool pool;
  private OutboxRelay relay;

  @Override
  public Future<?> start() {
    AppConfig cfg = AppConfig.from(config());
    pool = PgPools.create(vertx, cfg.pg().url(), cfg.pg().poolSize(), CatalogModule.SCHEMA);
    relay = new OutboxRelay(vertx, pool, cfg.outbox().batchSize(), cfg.outbox().pollMillis());
    CatalogState state = CatalogState.of(vertx, cfg.catalog().cacheSize());
    // a redeployment must not trust products cached before it: other nodes may have changed them meanwhile
    state.cache().invalidateAll();
    var afterCommit = new AfterCommit(state, relay);
    var queries = new ProductQueries(pool, state, new ProductReader(pool, state.cache()), cfg.catalog().defaultCurrency(),
      CursorCodec.fromSecret(cfg.auth().jwtSecret()));
    var products = new ProductService(pool, afterCommit);
    var variants = new VariantService(pool, afterCommit);
    var categories = new CategoryService(pool, state, afterCommit, cfg.catalog().defaultLocale());
    var attributes = new AttributeService(pool, state, afterCommit, cfg.catalog().defaultLocale());

    serve(Catalog.GET_PRODUCT, (GetProduct q, String cid) -> queries.get(q));
    serve(Catalog.GET_PRODUCT_BY_SLUG, (GetProductBySlug q, String cid) -> queries.get(q));
    serve(Catalog.GET_ADMIN_PRODUCT, (GetAdminProduct q, String cid) -> queries.admin(q));
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

    // a new product cannot be cached anywhere yet, so ProductCreated needs no listener
    ProductCache cache = state.cache();
    this.<ProductUpdated>listen(Catalog.PRODUCT_UPDATED, e -> cache.invalidate(e.productId(), e.slug(), e.previousSlug()));
    this.<ProductDeleted>listen(Catalog.PRODUCT_DELETED, e -> cache.invalidate(e.productId(), e.slug()));
    this.<CatalogEvent>listen(Catalog.PRICE_CHANGED, e -> cache.invalidate(e.productId()));
    this.<CatalogEvent>listen(Catalog.STOCK_CHANGED, e -> cache.invalidate(e.productId()));
    this.<CatalogEvent>listen(Catalog.CATEGORY_CHANGED, e -> reload(state.reloadCategories(pool), "category tree"));
    this.<CatalogEvent>listen(Catalog.ATTRIBUTE_CHANGED, e -> reload(state.reloadAttributes(pool), "attributes"));

    return Future.all(state.reloadCategories(pool), state.reloadAttributes(pool))
      .compose(v -> Future.all(consumers.stream().map(MessageConsumer::completion).toList()))
      .onSuccess(v -> relay.start());
  }

  @Override
  public Future<?> stop() {
    if (relay != null) {
      relay.stop();
    }
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList())
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

  private <E> void listen(String address, Consumer<E> handler) {
    consumers.add(vertx.eventBus().<E>consumer(address, message -> handler.accept(message.body())));
  }

  private static void fail(Message<?> message, String address, String cid, Throwable cause) {
    Failure failure = Failure.from(cause);
    if (failure.errorCode() == ErrorCode.INTERNAL) {
      LOG.log(Level.SEVERE, Logs.withCorrelation(cid, address + " failed"), cause);
    }
    failure.replyTo(message);
  }

  private static void reload(Future<Void> reload, String what) {
    reload.onFailure(t -> LOG.log(Level.WARNING, what + " reload failed, keeping the previous snapshot: " + t.getMessage()));
  }
}
