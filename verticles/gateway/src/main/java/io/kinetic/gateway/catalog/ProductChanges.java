package io.kinetic.gateway.catalog;

import graphql.schema.DataFetchingEnvironment;
import io.kinetic.gateway.Locales;
import io.kinetic.gateway.graphql.Gql;
import io.kinetic.gateway.subscriptions.LiveEvents;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.catalog.AvailabilitiesChanged;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.ProductAvailability;
import io.kinetic.kernel.contract.catalog.CatalogEvent;
import io.kinetic.kernel.contract.catalog.GetProduct;
import io.kinetic.kernel.contract.catalog.ProductDeleted;
import io.kinetic.kernel.contract.catalog.ProductView;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.id.Ids;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.UUID;
import org.reactivestreams.Publisher;

/**
 * {@code Subscription.productChanged(id, locale)}: the catalog's product events for that product
 * (updated, which includes publishing and unpublishing; price changed; stock changed; availability
 * changed, when carts reserve or release stock; deleted) are
 * coalesced and each burst sends the product as the shop's {@code product} query would answer it
 * then, read over the bus for the subscriber ({@code AVAILABLE}), or says that it was unpublished
 * ({@code UNAVAILABLE}, the subscription stays) or deleted ({@code DELETED}, the last message).
 * A change the subscriber has already been sent (same state and version) is not sent again.
 *
 * <p>An event can reach this node before its catalog cache has caught up with it (the write
 * happened on another node): a read older than the event's version is repeated a few times,
 * {@value #CATCH_UP_MILLIS} ms apart, before the newest state read is sent.
 */
final class ProductChanges {

  static final List<String> EVENTS = List.of(CatalogApi.Events.PRODUCT_UPDATED, CatalogApi.Events.PRICE_CHANGED,
    CatalogApi.Events.STOCK_CHANGED, CatalogApi.Events.AVAILABILITY_CHANGED, CatalogApi.Events.AVAILABILITIES_CHANGED,
    CatalogApi.Events.PRODUCT_DELETED);
  private static final int CATCH_UP_TRIES = 20;
  private static final long CATCH_UP_MILLIS = 50;

  /** What the field sends: {@code ProductChange}. */
  record Change(UUID id, State state, ProductView product) {

    long version() {
      return product == null ? -1 : product.version();
    }

    /** Carts reserving stock change what is available without a new version. */
    long availability() {
      return product == null ? 0 : ProductJson.availability(product);
    }
  }

  /** {@code ProductChangeState}. */
  enum State { AVAILABLE, UNAVAILABLE, DELETED }

  /** The events of a burst: the highest version they carry, and whether one was a deletion. */
  record Signal(long version, boolean deleted) {

    /** What an event says about product {@code id}, or null when it is not about it. */
    static Signal of(Object body, UUID id) {
      if (body instanceof AvailabilitiesChanged many) {
        ProductAvailability entry = many.of(id);
        return entry == null ? null : new Signal(entry.version(), false);
      }
      return body instanceof CatalogEvent event && id.equals(event.productId())
        ? new Signal(event.version(), event instanceof ProductDeleted) : null;
    }

    Signal merge(Signal newer) {
      return new Signal(Math.max(version, newer.version), deleted || newer.deleted);
    }
  }

  private final Vertx vertx;
  private final BusClient bus;
  private final Locales locales;
  private final LiveEvents live;

  ProductChanges(Vertx vertx, BusClient bus, Locales locales, LiveEvents live) {
    this.vertx = vertx;
    this.bus = bus;
    this.locales = locales;
    this.live = live;
  }

  /** The fetcher: fails PRODUCT_NOT_FOUND (an {@code error} message) when the product is not published now. */
  Future<Publisher<Change>> productChanged(DataFetchingEnvironment env) {
    String raw = env.getArgument("id");
    UUID id = Ids.parse(raw).orElseThrow(() ->
      Failure.invalid("id", "must be a UUID"));
    String locale = Gql.locale(env, locales);
    Caller caller = Gql.caller(env);
    return bus.request(CatalogApi.GET_PRODUCT, new GetProduct(id, locale, false), caller).map(current -> {
      Change[] sent = {new Change(id, State.AVAILABLE, current)};
      return live.on(EVENTS, body -> Signal.of(body, id))
        .coalesce(Signal::merge)
        .fetch(signal -> read(id, locale, caller, signal, 0).map(change -> {
          if (change.state() == sent[0].state() && change.version() <= sent[0].version()
            && change.availability() == sent[0].availability()) {
            return null;
          }
          sent[0] = change;
          return change;
        }))
        .until(change -> change.state() == State.DELETED)
        .publisher();
    });
  }

  /** The product now, read again while it is older than the events said (up to {@link #CATCH_UP_TRIES} times). */
  private Future<Change> read(UUID id, String locale, Caller caller, Signal signal, int attempt) {
    if (signal.deleted()) {
      return Future.succeededFuture(new Change(id, State.DELETED, null));
    }
    return bus.request(CatalogApi.GET_PRODUCT, new GetProduct(id, locale, false), caller)
      .map(product -> new Change(id, State.AVAILABLE, product))
      .recover(t -> Failure.from(t).errorCode() == ErrorCode.PRODUCT_NOT_FOUND
        ? Future.succeededFuture(new Change(id, State.UNAVAILABLE, null)) : Future.failedFuture(t))
      .compose(change -> {
        boolean behind = change.state() == State.AVAILABLE && change.version() < signal.version();
        if (!behind || attempt + 1 >= CATCH_UP_TRIES) {
          return Future.succeededFuture(change);
        }
        Promise<Change> later = Promise.promise();
        vertx.setTimer(CATCH_UP_MILLIS, timer -> read(id, locale, caller, signal, attempt + 1).onComplete(later));
        return later.future();
      });
  }
}
