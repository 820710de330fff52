package io.kinetic.kernel.contract.catalog;

import java.util.List;
import java.util.Map;

/** A typed product attribute definition with its name per locale. */
public record Attribute(String code, AttributeType type, String unit, List<String> values, Map<String, String> names) {
}
