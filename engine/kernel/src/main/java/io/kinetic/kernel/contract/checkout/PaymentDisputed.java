package io.kinetic.kernel.contract.checkout;

import io.kinetic.kernel.money.Money;
import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.UUID;

/** The customer's bank disputed the payment (a chargeback): staff must respond at the provider. */
@EventName("checkout.payment-disputed")
public record PaymentDisputed(UUID eventId, Instant occurredAt, UUID orderId, String number, Money amount,
                              String reason, long version)
  implements CheckoutEvent {
}
