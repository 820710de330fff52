package io.kinetic.kernel.contract.catalog;

import java.util.List;

/** An attribute definition in one locale. */
public record AttributeView(String code, AttributeType type, String unit, List<String> values, String name) {
}
