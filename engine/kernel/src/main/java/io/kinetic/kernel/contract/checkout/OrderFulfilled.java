package io.kinetic.kernel.contract.checkout;

import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Staff shipped some or all of an order's lines ({@code lines}: this shipment) with a carrier and a
 * tracking number (either may be null). {@code state}: the order's state after it,
 * {@code partially_fulfilled} or {@code fulfilled}. The stock went from allocated to shipped.
 */
@EventName("checkout.order-fulfilled")
public record OrderFulfilled(UUID eventId, Instant occurredAt, UUID orderId, String number, UUID fulfilmentId,
                             List<ItemLine> lines, String carrier, String trackingNumber, String trackingUrl,
                             String state, long version)
  implements CheckoutEvent {
}
