package io.kinetic.catalog;

import io.kinetic.kernel.contract.catalog.Attribute;
import io.kinetic.kernel.contract.catalog.AttributeType;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;

/** How attribute values of each type are checked, parsed from filter text and shown to customers. */
final class AttributeValues {

  static final int MAX_TEXT = 500;

  private AttributeValues() {
  }

  /** Why {@code value} does not fit {@code definition}, or null when it does. */
  static String problem(Attribute definition, Object value) {
    if (value == null) {
      return "must not be null";
    }
    return switch (definition.type()) {
      case TEXT -> value instanceof String s && !s.isBlank() && s.length() <= MAX_TEXT && !FieldErrors.hasNul(s)
        ? null : "must be a text of 1 to " + MAX_TEXT + " characters";
      case NUMBER -> isFiniteNumber(value) ? null : "must be a number";
      case BOOLEAN -> value instanceof Boolean ? null : "must be true or false";
      case ENUM -> value instanceof String s && definition.values() != null && definition.values().contains(s)
        ? null : "must be one of " + definition.values();
    };
  }

  /**
   * The typed value a filter's text stands for ({@code "180"} is the number 180 for a NUMBER
   * attribute), or null when the text cannot be a value of that attribute (nor be sent to PostgreSQL).
   */
  static Object parse(Attribute definition, String text) {
    if (text == null || FieldErrors.hasNul(text)) {
      return null;
    }
    return switch (definition.type()) {
      case TEXT, ENUM -> text;
      case BOOLEAN -> "true".equals(text) ? Boolean.TRUE : "false".equals(text) ? Boolean.FALSE : null;
      case NUMBER -> {
        try {
          yield new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
          yield null;
        }
      }
    };
  }

  /** The customer form: a number attribute becomes {@code {"value": n, "unit": u}}, others stay as they are. */
  static Object view(Attribute definition, Object value) {
    if (definition == null || definition.type() != AttributeType.NUMBER) {
      return value;
    }
    var shown = new LinkedHashMap<String, Object>();
    shown.put("value", value);
    shown.put("unit", definition.unit());
    return Collections.unmodifiableMap(shown);
  }

  private static boolean isFiniteNumber(Object value) {
    if (value instanceof Double d) {
      return Double.isFinite(d);
    }
    if (value instanceof Float f) {
      return Float.isFinite(f);
    }
    return value instanceof Number;
  }
}
