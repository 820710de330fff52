package io.kinetic.checkout;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import io.kinetic.kernel.error.ErrorCode;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads a Stripe webhook: verifies its signature on the raw body (HMAC-SHA256 with the endpoint's
 * secret, at most {@value #TOLERANCE_SECONDS} s old), then turns the events checkout acts on into
 * {@link Observation}s: {@code payment_intent.succeeded}, {@code .processing},
 * {@code .payment_failed}, {@code .canceled}, {@code charge.refunded} and
 * {@code charge.dispute.created}. Other types are acknowledged and ignored (null). The payload is read
 * as plain JSON, not through the SDK's typed objects, so an event of another API version is still understood.
 */
final class StripeWebhooks {

  static final long TOLERANCE_SECONDS = 300;
  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(StripeWebhooks.class.getName());
  /** Refused webhooks without a configured secret are logged at most once a minute (anyone can send them). */
  private static final long UNCONFIGURED_LOG_NANOS = 60_000_000_000L;
  private static final java.util.concurrent.atomic.AtomicLong unconfiguredLogged = new java.util.concurrent.atomic.AtomicLong();

  private StripeWebhooks() {
  }

  /** The event's id and type, and what checkout learns from it (null: nothing). Fails WEBHOOK_SIGNATURE_INVALID. */
  record Received(String eventId, String type, Observation observation) {
  }

  static Received read(String payload, String signature, String secret) {
    if (secret == null || secret.isEmpty()) {
      // the caller is anyone: the hint is the operator's (the log), the answer a plain refusal
      long now = System.nanoTime();
      long last = unconfiguredLogged.get();
      if ((last == 0 || now - last > UNCONFIGURED_LOG_NANOS) && unconfiguredLogged.compareAndSet(last, now == 0 ? 1 : now)) {
        LOG.warning("a Stripe webhook was refused: no webhook secret is configured (set COMMERCE_STRIPE_WEBHOOK_SECRET"
          + " to the endpoint's signing secret to accept them)");
      }
      throw ErrorCode.WEBHOOK_SIGNATURE_INVALID.failure("webhooks are not accepted");
    }
    if (payload == null || signature == null || signature.isBlank()) {
      throw ErrorCode.WEBHOOK_SIGNATURE_INVALID.failure("the Stripe-Signature header is missing");
    }
    try {
      Webhook.Signature.verifyHeader(payload, signature, secret, TOLERANCE_SECONDS);
    } catch (SignatureVerificationException e) {
      throw ErrorCode.WEBHOOK_SIGNATURE_INVALID.failure("the signature does not match: " + e.getMessage());
    } catch (RuntimeException e) {
      // the SDK parses the header's parts as it finds them: "t=abc" was a NumberFormatException, a 500
      throw ErrorCode.WEBHOOK_SIGNATURE_INVALID.failure("the Stripe-Signature header is malformed");
    }
    JsonObject event;
    try {
      event = new JsonObject(payload);
    } catch (DecodeException e) {
      throw ErrorCode.WEBHOOK_SIGNATURE_INVALID.failure("the signed body is not a JSON event");
    }
    String id = text(event, "id");
    String type = text(event, "type") == null ? "" : text(event, "type");
    if (id == null || id.isBlank()) {
      throw ErrorCode.WEBHOOK_SIGNATURE_INVALID.failure("the event has no id");
    }
    // read leniently: a signed event of another shape (data or its object null, a field of another
    // type) is acknowledged and acted on only as far as it can be understood, never a 500 Stripe retries for days
    JsonObject data = object(object(event, "data"), "object");
    String p = StripeProvider.NAME;
    // Stripe's "created" is in seconds: taken as the end of its second, so that a status seen within
    // that second by asking Stripe does not count as newer than the event
    long created = event.getValue("created") instanceof Number n ? n.longValue() * 1000 + 999 : System.currentTimeMillis();
    Observation o = switch (type) {
      case "payment_intent.succeeded", "payment_intent.processing", "payment_intent.canceled", "payment_intent.payment_failed" -> {
        JsonObject error = data.getValue("last_payment_error") instanceof JsonObject e ? e : null;
        String failure = "payment_intent.payment_failed".equals(type)
          ? (error == null ? "payment_failed"
            : Objects.requireNonNullElse(text(error, "code"), "payment_failed") + ": " + Objects.requireNonNullElse(text(error, "message"), ""))
          : null;
        String status = "payment_intent.payment_failed".equals(type) ? PaymentStatus.REQUIRES_PAYMENT_METHOD
          : type.substring("payment_intent.".length());
        yield new Observation(p, id, type, text(data, "id"), "status", status, amount(data, "amount"), 0, failure, created);
      }
      case "charge.refunded" -> new Observation(p, id, type, text(data, "payment_intent"), "refund", null,
        amount(data, "amount"), amount(data, "amount_refunded"), null, created);
      case "charge.dispute.created" -> new Observation(p, id, type, text(data, "payment_intent"), "dispute", null,
        amount(data, "amount"), 0, Objects.requireNonNullElse(text(data, "reason"), "dispute").toLowerCase(Locale.ROOT), created);
      default -> null;
    };
    if (o != null && (o.intentId() == null || o.intentId().isBlank())) {
      o = null; // nothing checkout can relate it to
    }
    return new Received(id, type, o);
  }

  /** The member {@code key} when it is an object, else an empty one. */
  private static JsonObject object(JsonObject in, String key) {
    return in.getValue(key) instanceof JsonObject o ? o : new JsonObject();
  }

  /** The member {@code key} when it is a string, else null. */
  private static String text(JsonObject in, String key) {
    return in.getValue(key) instanceof String s ? s : null;
  }

  private static long amount(JsonObject data, String field) {
    Object v = data.getValue(field);
    return v instanceof Number n ? n.longValue() : 0;
  }
}
