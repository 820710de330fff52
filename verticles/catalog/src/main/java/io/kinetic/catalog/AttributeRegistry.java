package io.kinetic.catalog;

import io.kinetic.kernel.contract.catalog.Attribute;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An immutable snapshot of the attribute definitions by code, kept in memory for rendering and filters. */
final class AttributeRegistry {

  static final AttributeRegistry EMPTY = new AttributeRegistry(List.of());

  private final Map<String, Attribute> byCode;

  AttributeRegistry(Collection<Attribute> attributes) {
    var map = new TreeMap<String, Attribute>();
    attributes.forEach(a -> map.put(a.code(), a));
    this.byCode = Collections.unmodifiableMap(map);
  }

  Attribute get(String code) {
    return byCode.get(code);
  }

  /** All definitions, ordered by code. */
  Collection<Attribute> all() {
    return byCode.values();
  }
}
