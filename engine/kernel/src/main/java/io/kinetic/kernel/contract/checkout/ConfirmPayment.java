package io.kinetic.kernel.contract.checkout;

import java.util.UUID;

/**
 * The shopper is back from paying: the engine asks the provider how the payment stands and applies
 * it (whichever of this and the provider's webhook comes first wins; the other changes nothing).
 * Reply {@link OrderView}. Fails {@code ORDER_NOT_FOUND}, {@code PAYMENT_PROVIDER_UNAVAILABLE}.
 */
public record ConfirmPayment(UUID orderId, OrderAccess access) {
}
