package io.kinetic.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How a refused integer is told: "must be an integer from 1 to 10000", both bounds of its schema,
 * instead of the validator's "0 is less than 1" or "18446744073709551616 is greater than
 * 9223372036854775807". Every integer schema of the validated contract has both bounds (at most
 * those of a 64-bit integer, see {@code ContractLoader}), so a number of any size is refused in the
 * same words, naming its field ({@link SchemaWording} asks it).
 */
final class IntegerRanges {

  private IntegerRanges() {
  }

  /** "1 to 10000" for an integer schema with both bounds; null for any other. */
  static String range(Object schema) {
    if (!(schema instanceof JsonObject object)) {
      return null;
    }
    Object type = object.getValue("type");
    if (!("integer".equals(type) || type instanceof JsonArray types && types.contains("integer"))) {
      return null;
    }
    BigDecimal low = tighter(decimal(object.getValue("minimum")), decimal(object.getValue("exclusiveMinimum")), true);
    BigDecimal high = tighter(decimal(object.getValue("maximum")), decimal(object.getValue("exclusiveMaximum")), false);
    if (low == null || high == null) {
      return null;
    }
    return low.toPlainString() + " to " + high.toPlainString();
  }

  /** The integer bound: the inclusive one or the first integer inside the exclusive one, whichever is tighter. */
  private static BigDecimal tighter(BigDecimal inclusive, BigDecimal exclusive, boolean lower) {
    BigDecimal in = inclusive == null ? null
      : inclusive.setScale(0, lower ? RoundingMode.CEILING : RoundingMode.FLOOR);
    BigDecimal ex = exclusive == null ? null
      : lower ? exclusive.setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE) : exclusive.setScale(0, RoundingMode.CEILING).subtract(BigDecimal.ONE);
    if (in == null || ex == null) {
      return in != null ? in : ex;
    }
    return lower ? in.max(ex) : in.min(ex);
  }

  private static BigDecimal decimal(Object value) {
    if (!(value instanceof Number number)) {
      return null;
    }
    try {
      return new BigDecimal(number.toString());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The subschema of {@code schema} at a keyword location such as {@code #/properties/variants/items};
   * a {@code $ref} step stays where it is (the schema is resolved already). Null when there is none.
   */
  static Object at(JsonObject schema, String location) {
    String pointer = location.startsWith("#") ? location.substring(1) : location;
    Object node = schema;
    if (pointer.isEmpty()) {
      return node;
    }
    for (String raw : pointer.substring(1).split("/", -1)) {
      String step = ValidationFailures.percentDecoded(raw).replace("~1", "/").replace("~0", "~");
      if (step.equals("$ref")) {
        continue;
      }
      if (node instanceof JsonObject object) {
        node = object.getValue(step);
      } else if (node instanceof JsonArray array && !step.isEmpty() && step.length() < 10 && step.chars().allMatch(Character::isDigit)
        && Integer.parseInt(step) < array.size()) {
        node = array.getValue(Integer.parseInt(step));
      } else {
        return null;
      }
    }
    return node;
  }
}
