package io.kinetic.checkout;

import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.BusServer;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.bus.Endpoint;
import io.kinetic.kernel.contract.checkout.CheckoutApi;
import io.kinetic.kernel.contract.checkout.PaymentConfig;
import io.kinetic.kernel.contract.checkout.StripeWebhook;
import io.kinetic.kernel.contract.checkout.WebhookReceipt;
import io.kinetic.kernel.pg.PgPools;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Serves every endpoint of {@link CheckoutApi}, with Stripe as the payment provider when its secret
 * key is set and the built-in test provider otherwise; runs the {@link Reconciler}. Expects the
 * {@code checkout} schema to be migrated and the cart, catalog and identity reachable over the bus.
 */
public class CheckoutVerticle extends VerticleBase {

  private final CheckoutConfig config;
  private Pool pool;
  private Reconciler reconciler;
  private StripeProvider stripe;

  CheckoutVerticle(CheckoutConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    pool = PgPools.create(vertx, config.pgUrl(), config.poolSize(), CheckoutModule.SCHEMA);
    var bus = new BusClient(vertx, config.busTimeoutMillis(), new BusClient.Routing(true, config.busTimeoutMillis()));
    var settings = new ShopSettings(pool);
    var test = new TestProvider(vertx, pool, config.checkout().testLateMillis(), config.checkout().testNoticeMillis());
    PaymentProvider provider = test;
    PaymentConfig paymentConfig = new PaymentConfig(TestProvider.NAME, null, null);
    if (!config.stripe().configured()) {
      java.util.logging.Logger.getLogger(CheckoutVerticle.class.getName()).warning("payments use the built-in TEST provider:"
        + " no money is taken and test cards pay; set COMMERCE_STRIPE_SECRET_KEY (and COMMERCE_STRIPE_WEBHOOK_SECRET) to take real payments");
    }
    if (config.stripe().configured()) {
      stripe = new StripeProvider(vertx, config.stripe());
      provider = stripe;
      paymentConfig = new PaymentConfig(StripeProvider.NAME, config.stripe().publishableKey(), config.stripe().jsUrl());
    }
    var providers = stripe == null ? Map.<String, PaymentProvider>of(TestProvider.NAME, test)
      : Map.<String, PaymentProvider>of(TestProvider.NAME, test, StripeProvider.NAME, stripe);
    var ledger = new PaymentLedger(vertx, pool, bus, providers);
    test.notify(o -> ledger.receive(o));
    var links = new OrderLinks(config.linkSecret());
    var placement = new Placement(vertx, pool, bus, settings, ledger, provider, links, config);
    var service = new CheckoutService(pool, bus, settings, ledger, provider, links, paymentConfig)
      .maxOrderTotal(config.checkout().maxOrderTotal());
    var operations = new Operations(pool, bus, ledger, service);
    reconciler = new Reconciler(vertx, pool, bus, ledger, config, placement::ensurePayment);
    reconciler.resendRefundsWith(id -> operations.resendPending(id, config.checkout().pendingCheckSeconds()));
    reconciler.start();
    return settings.load().compose(loaded -> Future.all(List.of(
      serve(CheckoutApi.QUOTE, new CheckoutStarts(vertx, pool).recording(service::quote)),
      serve(CheckoutApi.PLACE_ORDER, placement::place),
      serve(CheckoutApi.PAY_WITH_TEST_CARD, service::payWithTestCard),
      serve(CheckoutApi.CONFIRM_PAYMENT, service::confirm),
      serve(CheckoutApi.STRIPE_WEBHOOK, (webhook, caller) -> webhook(webhook, ledger)),
      serve(CheckoutApi.PAYMENT_CONFIG, service::paymentConfig),
      serve(CheckoutApi.GET_SHIPPING_COUNTRIES, (q, caller) -> settings.shipsTo(q)),
      serve(CheckoutApi.GET_ORDER, service::get),
      serve(CheckoutApi.GET_ORDERS, service::getAll),
      serve(CheckoutApi.LIST_MY_ORDERS, service::mine),
      serve(CheckoutApi.LIST_ORDERS, service::list),
      serve(CheckoutApi.GET_ORDER_DETAIL, service::detail),
      serve(CheckoutApi.GET_SETTINGS, (q, caller) -> settings.view()),
      serve(CheckoutApi.SAVE_SETTINGS, (c, caller) -> settings.save(c)),
      serve(CheckoutApi.SAVE_TAX_RATE, (c, caller) -> settings.saveRate(c)),
      serve(CheckoutApi.DELETE_TAX_RATE, (c, caller) -> settings.deleteRate(c)),
      serve(CheckoutApi.SAVE_SHIPPING_ZONE, (c, caller) -> settings.saveZone(c)),
      serve(CheckoutApi.DELETE_SHIPPING_ZONE, (c, caller) -> settings.deleteZone(c)),
      serve(CheckoutApi.FULFIL_ORDER, operations::fulfil),
      serve(CheckoutApi.MARK_DELIVERED, operations::deliver),
      serve(CheckoutApi.CANCEL_ORDER, operations::cancel),
      serve(CheckoutApi.REFUND_ORDER, operations::refund),
      serve(CheckoutApi.REQUEST_RETURN, operations::requestReturn),
      serve(CheckoutApi.DECIDE_RETURN, operations::decideReturn),
      serve(CheckoutApi.RECEIVE_RETURN, operations::receiveReturn))));
  }

  private Future<WebhookReceipt> webhook(StripeWebhook webhook, PaymentLedger ledger) {
    StripeWebhooks.Received received;
    try {
      received = StripeWebhooks.read(webhook.payload(), webhook.signature(), config.stripe().webhookSecret());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    if (received.observation() == null) {
      return Future.succeededFuture(new WebhookReceipt(received.eventId(), received.type(), false));
    }
    return ledger.receive(received.observation())
      .map(fresh -> new WebhookReceipt(received.eventId(), received.type(), !fresh));
  }

  @Override
  public Future<?> stop() {
    if (reconciler != null) {
      reconciler.stop();
    }
    if (stripe != null) {
      stripe.close();
    }
    return pool == null ? Future.succeededFuture() : pool.close();
  }

  /** For tests: one reconciliation round now. */
  Future<Void> reconcile() {
    return reconciler.run();
  }

  private <Q, R> Future<Void> serve(Endpoint<Q, R> endpoint, BiFunction<Q, Caller, Future<R>> action) {
    return BusServer.serve(vertx, endpoint, action).completion();
  }
}
