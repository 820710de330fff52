package io.kinetic.kernel.contract.catalog;

import java.util.List;
import java.util.Map;

/** An attribute definition: {@code values} only for ENUM, {@code unit} only for NUMBER. */
public record AttributeInput(String code, AttributeType type, String unit, List<String> values, Map<String, String> names) {
}
