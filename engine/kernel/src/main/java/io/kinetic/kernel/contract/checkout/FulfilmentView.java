package io.kinetic.kernel.contract.checkout;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A shipment of an order: its units, the carrier and the tracking number and URL (each may be null). */
public record FulfilmentView(UUID id, List<ItemLine> lines, String carrier, String trackingNumber, String trackingUrl,
                             Instant at) {
}
