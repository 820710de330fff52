package io.kinetic.checkout;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.RefundCreateParams;
import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.money.Money;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Stripe through stripe-java. The SDK blocks, so every call runs on a worker pool of its own, never
 * on an event loop. PaymentIntents are created for the server's total with the order's idempotency
 * key (a retry finds the same intent) and automatic payment methods (Stripe Elements on the page);
 * refunds carry their own key. The keys come from the environment only; {@code stripe.apiBase} points
 * the client elsewhere (tests use a local fake Stripe API).
 */
final class StripeProvider implements PaymentProvider {

  static final String NAME = "stripe";

  private final StripeClient client;
  private final WorkerExecutor workers;

  StripeProvider(Vertx vertx, AppConfig.Stripe stripe) {
    var builder = StripeClient.builder().setApiKey(stripe.secretKey()).setMaxNetworkRetries(2)
      .setConnectTimeout(5_000).setReadTimeout(20_000);
    if (!stripe.apiBase().isBlank()) {
      builder.setApiBase(stripe.apiBase());
    }
    this.client = builder.build();
    this.workers = vertx.createSharedWorkerExecutor("stripe", 16);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Future<Intent> create(UUID orderId, String orderNumber, Money amount, String idempotencyKey) {
    return call(() -> intent(client.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
        .setAmount(amount.amount()).setCurrency(amount.currency().toLowerCase(Locale.ROOT))
        .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder().setEnabled(true).build())
        .putMetadata("order_id", orderId.toString()).putMetadata("order_number", orderNumber)
        .setDescription("Order " + orderNumber).build(),
      RequestOptions.builder().setIdempotencyKey(idempotencyKey).build())));
  }

  @Override
  public Future<Intent> retrieve(String intentId) {
    return call(() -> intent(client.v1().paymentIntents().retrieve(intentId,
      PaymentIntentRetrieveParams.builder().addExpand("latest_charge").build(), RequestOptions.getDefault())));
  }

  @Override
  public Future<Intent> refund(String intentId, long amount, String idempotencyKey) {
    return call(() -> {
      client.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(intentId).setAmount(amount).build(),
        RequestOptions.builder().setIdempotencyKey(idempotencyKey).build());
      return null;
    }).compose(v -> retrieve(intentId));
  }

  @Override
  public Future<Intent> cancel(String intentId) {
    return call(() -> intent(client.v1().paymentIntents().cancel(intentId)))
      .recover(t -> retrieve(intentId)); // succeeded meanwhile (or already cancelled): say how it stands
  }

  static Intent intent(PaymentIntent pi) {
    long refunded = 0;
    Charge charge = pi.getLatestChargeObject();
    if (charge != null && charge.getAmountRefunded() != null) {
      refunded = charge.getAmountRefunded();
    }
    String error = pi.getLastPaymentError() == null ? null
      : (pi.getLastPaymentError().getCode() == null ? "" : pi.getLastPaymentError().getCode() + ": ") + pi.getLastPaymentError().getMessage();
    return new Intent(pi.getId(), pi.getClientSecret(), pi.getStatus(), pi.getAmount() == null ? 0 : pi.getAmount(),
      pi.getCurrency() == null ? null : pi.getCurrency().toUpperCase(Locale.ROOT), refunded, error);
  }

  private <T> Future<T> call(Callable<T> call) {
    return workers.executeBlocking(() -> {
      try {
        return call.call();
      } catch (ApiConnectionException e) {
        throw ErrorCode.PAYMENT_PROVIDER_UNAVAILABLE.failure("Stripe cannot be reached: " + e.getMessage());
      } catch (StripeException e) {
        throw ErrorCode.PAYMENT_PROVIDER_UNAVAILABLE.failure("Stripe refused: " + e.getMessage());
      }
    }, false);
  }

  void close() {
    workers.close();
  }
}
