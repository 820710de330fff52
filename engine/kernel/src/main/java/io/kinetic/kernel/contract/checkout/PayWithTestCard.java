package io.kinetic.kernel.contract.checkout;

import java.util.UUID;

/**
 * Pays an order with the built-in test provider, as Stripe Elements would with a card: the card
 * number decides what happens (see {@code TestProvider}: 4242 4242 4242 4242 succeeds, 4000 0000
 * 0000 0002 is declined, 4000 0000 0000 0119 fails, 4000 0000 0000 0259 succeeds late). The
 * confirmation reaches the order like Stripe's: by a webhook-like event, or by
 * {@link ConfirmPayment}. Reply {@link PaymentView}. Fails {@code ORDER_NOT_FOUND},
 * {@code PAYMENT_NOT_ALLOWED} (paid, cancelled, or not a test-provider order), {@code PAYMENT_DECLINED}.
 */
public record PayWithTestCard(UUID orderId, OrderAccess access, String card) {
}
