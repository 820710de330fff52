package io.kinetic.kernel.contract.catalog;

import java.util.List;

/** All attribute definitions, by code. */
public record AttributeList(List<AttributeView> items) {
}
