package io.kinetic.kernel.contract.checkout;

/**
 * A delivery to {@code POST /webhooks/stripe}: the raw body, exactly as received, and the
 * {@code Stripe-Signature} header. Verified here (HMAC-SHA256 with the webhook secret, 300 s
 * tolerance), stored once per event id and acknowledged; the effect follows. Reply
 * {@link WebhookReceipt}. Fails {@code WEBHOOK_SIGNATURE_INVALID} (nothing changes).
 */
public record StripeWebhook(String payload, String signature) {
}
