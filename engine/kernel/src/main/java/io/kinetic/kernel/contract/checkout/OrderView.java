package io.kinetic.kernel.contract.checkout;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order. {@code state}: {@code placed} (awaiting payment), {@code paid},
 * {@code partially_fulfilled}, {@code fulfilled}, {@code delivered}, {@code cancelled},
 * {@code refunded} (see {@code OrderStates}). {@code flags}: what staff
 * should look at, e.g. {@code REFUNDED_NO_STOCK} (paid after its stock was released and refunded
 * automatically) or {@code DISPUTED}. {@code version} grows with every change. Refunds show in the
 * payment ({@code partially_refunded}, {@code refunded}) and in {@code refunds}; an order refunded in
 * full is {@code refunded}. {@code fulfilments}: its shipments; {@code returns}: its returns.
 */
public record OrderView(UUID id, String number, String state, UUID customerId, String email, String currency,
                        List<PricedLine> lines, int itemCount, OrderAddress shippingAddress,
                        OrderAddress billingAddress, OrderShipping shipping, Totals totals, boolean pricesIncludeTax,
                        PaymentView payment, List<String> flags, Instant placedAt, Instant paymentDueAt,
                        Instant updatedAt, long version, List<FulfilmentView> fulfilments,
                        List<RefundView> refunds, List<ReturnView> returns) {
}
