package io.kinetic.kernel.contract.checkout;

import java.util.UUID;

/** Staff approve or reject a requested return, with a note to the customer. Reply {@link OrderDetail}. */
public record DecideReturn(UUID orderId, UUID returnId, boolean approve, String note) {
}
