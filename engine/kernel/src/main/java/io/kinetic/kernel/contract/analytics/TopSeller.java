package io.kinetic.kernel.contract.analytics;

import java.util.UUID;

/** A product or category with the units and revenue (minor units) of its paid order lines; {@code name} null when unknown. */
public record TopSeller(UUID id, String name, long units, long revenue) {
}
