package io.kinetic.kernel.contract.checkout;

import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.UUID;

/**
 * The order was cancelled and its stock released. {@code reason}: {@code PAYMENT_TIMEOUT} (not paid
 * in time), {@code PAYMENT_CANCELED} (the provider cancelled the payment), {@code PAYMENT_UNAVAILABLE}
 * (the payment could not be created) or a staff reason.
 */
@EventName("checkout.order-cancelled")
public record OrderCancelled(UUID eventId, Instant occurredAt, UUID orderId, String number, String reason,
                             long version)
  implements CheckoutEvent {
}
