package io.kinetic.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A quick yes for the plain schemas of the contract (types, properties, required, lengths,
 * patterns, ranges, enums of strings, UUIDs, arrays), compiled once from a schema whose
 * {@code $ref}s are resolved. It only ever says "valid" when the value is valid: anything it is not
 * sure of (a keyword it does not know, a pattern that does not match as a whole, a number it would
 * have to round) is a "don't know", and the full JSON schema validator then decides and words the
 * error. vertx-json-schema builds a tree of output units even for a valid two-field body, which cost
 * the cart's writes a sixth of the engine's time.
 */
final class FastSchema {

  /** Keywords that do not constrain a value. */
  private static final Set<String> ANNOTATIONS = Set.of("__absolute_uri__", "$schema", "$id", "$comment", "title",
    "description", "example", "examples", "default", "deprecated", "readOnly", "writeOnly");
  private static final Set<String> KNOWN = Set.of("type", "properties", "required", "additionalProperties", "minLength",
    "maxLength", "pattern", "format", "enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "items",
    "minItems", "maxItems", "minProperties", "maxProperties");
  private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final Set<String> types;
  private final Map<String, FastSchema> properties;
  private final List<String> required;
  private final boolean closed;
  private final FastSchema additional;
  private final Integer minLength;
  private final Integer maxLength;
  private final Pattern pattern;
  private final boolean uuid;
  private final Set<String> strings;
  private final BigDecimal minimum;
  private final BigDecimal maximum;
  private final BigDecimal exclusiveMinimum;
  private final BigDecimal exclusiveMaximum;
  /** Whether the range is {@link #low} to {@link #high}, whole numbers both: then a Java integer is compared as it is. */
  private final boolean longRange;
  private final long low;
  private final long high;
  private final FastSchema items;
  private final Integer minItems;
  private final Integer maxItems;
  private final Integer minProperties;
  private final Integer maxProperties;

  private FastSchema(JsonObject s) {
    Object type = s.getValue("type");
    if (type == null) {
      types = null;
    } else if (type instanceof String t) {
      types = Set.of(t);
    } else {
      var all = new java.util.HashSet<String>();
      for (Object t : (JsonArray) type) {
        all.add((String) t);
      }
      types = Set.copyOf(all);
    }
    var props = new HashMap<String, FastSchema>();
    JsonObject p = s.getJsonObject("properties");
    if (p != null) {
      for (String name : p.fieldNames()) {
        props.put(name, new FastSchema(p.getJsonObject(name)));
      }
    }
    properties = Map.copyOf(props);
    var req = new ArrayList<String>();
    JsonArray r = s.getJsonArray("required");
    if (r != null) {
      r.forEach(name -> req.add((String) name));
    }
    required = List.copyOf(req);
    Object more = s.getValue("additionalProperties");
    closed = Boolean.FALSE.equals(more);
    additional = more instanceof JsonObject schema ? new FastSchema(schema) : null;
    minLength = s.getInteger("minLength");
    maxLength = s.getInteger("maxLength");
    String regex = s.getString("pattern");
    pattern = regex == null ? null : Pattern.compile(regex);
    String format = s.getString("format");
    if (format != null && !format.equals("uuid")) {
      throw new Unsupported();
    }
    uuid = "uuid".equals(format);
    JsonArray values = s.getJsonArray("enum");
    if (values != null) {
      var all = new java.util.HashSet<String>();
      for (Object v : values) {
        if (!(v instanceof String text)) {
          throw new Unsupported();
        }
        all.add(text);
      }
      strings = Set.copyOf(all);
    } else {
      strings = null;
    }
    minimum = decimal(s, "minimum");
    maximum = decimal(s, "maximum");
    exclusiveMinimum = decimal(s, "exclusiveMinimum");
    exclusiveMaximum = decimal(s, "exclusiveMaximum");
    longRange = exclusiveMinimum == null && exclusiveMaximum == null && whole(minimum) && whole(maximum);
    low = longRange && minimum != null ? minimum.longValueExact() : Long.MIN_VALUE;
    high = longRange && maximum != null ? maximum.longValueExact() : Long.MAX_VALUE;
    JsonObject itemSchema = s.getValue("items") instanceof JsonObject i ? i : null;
    if (s.containsKey("items") && itemSchema == null) {
      throw new Unsupported();
    }
    items = itemSchema == null ? null : new FastSchema(itemSchema);
    minItems = s.getInteger("minItems");
    maxItems = s.getInteger("maxItems");
    minProperties = s.getInteger("minProperties");
    maxProperties = s.getInteger("maxProperties");
    for (String keyword : s.fieldNames()) {
      if (!KNOWN.contains(keyword) && !ANNOTATIONS.contains(keyword)) {
        throw new Unsupported();
      }
    }
  }

  /** The quick check of {@code schema} ($refs resolved), or null when it uses what this one does not know. */
  static FastSchema compile(JsonObject schema) {
    try {
      return new FastSchema(schema);
    } catch (Unsupported | ClassCastException | IllegalArgumentException e) {
      return null;
    }
  }

  /** True only if {@code value} is valid; false means "ask the full validator". */
  boolean accepts(Object value) {
    if (types != null && !types.stream().anyMatch(t -> is(t, value))) {
      return false;
    }
    if (value instanceof String text) {
      return text(text);
    }
    if (value instanceof Number number) {
      return number(number);
    }
    if (value instanceof JsonObject object) {
      return object(object);
    }
    if (value instanceof JsonArray array) {
      return array(array);
    }
    return value == null || value instanceof Boolean;
  }

  private boolean text(String text) {
    if (minLength != null || maxLength != null) {
      int length = text.codePointCount(0, text.length());
      if (minLength != null && length < minLength || maxLength != null && length > maxLength) {
        return false;
      }
    }
    if (pattern != null && !pattern.matcher(text).matches()) {
      return false; // the contract's patterns are anchored; a partial match is for the full validator
    }
    if (uuid && !UUID.matcher(text).matches()) {
      return false;
    }
    return strings == null || strings.contains(text);
  }

  private boolean number(Number number) {
    if (strings != null) {
      return false;
    }
    if (minimum == null && maximum == null && exclusiveMinimum == null && exclusiveMaximum == null) {
      return true;
    }
    if (longRange && (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte)) {
      long n = number.longValue();
      return n >= low && n <= high;
    }
    BigDecimal n;
    try {
      n = new BigDecimal(number.toString());
    } catch (NumberFormatException e) {
      return false;
    }
    return (minimum == null || n.compareTo(minimum) >= 0) && (maximum == null || n.compareTo(maximum) <= 0)
      && (exclusiveMinimum == null || n.compareTo(exclusiveMinimum) > 0)
      && (exclusiveMaximum == null || n.compareTo(exclusiveMaximum) < 0);
  }

  private boolean object(JsonObject object) {
    if (strings != null || minProperties != null && object.size() < minProperties
      || maxProperties != null && object.size() > maxProperties) {
      return false;
    }
    for (String name : required) {
      if (!object.containsKey(name)) {
        return false;
      }
    }
    for (Map.Entry<String, Object> entry : object) {
      FastSchema property = properties.get(entry.getKey());
      if (property != null) {
        if (!property.accepts(entry.getValue())) {
          return false;
        }
      } else if (closed || additional != null && !additional.accepts(entry.getValue())) {
        return false;
      }
    }
    return true;
  }

  private boolean array(JsonArray array) {
    if (strings != null || minItems != null && array.size() < minItems || maxItems != null && array.size() > maxItems) {
      return false;
    }
    if (items != null) {
      for (Object item : array) {
        if (!items.accepts(item)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean is(String type, Object value) {
    return switch (type) {
      case "string" -> value instanceof String;
      case "integer" -> value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte || value instanceof BigInteger;
      case "number" -> value instanceof Number;
      case "boolean" -> value instanceof Boolean;
      case "object" -> value instanceof JsonObject;
      case "array" -> value instanceof JsonArray;
      case "null" -> value == null;
      default -> false;
    };
  }

  /** Whether {@code bound} is absent or a whole number a {@code long} holds. */
  private static boolean whole(BigDecimal bound) {
    if (bound == null) {
      return true;
    }
    try {
      bound.longValueExact();
      return true;
    } catch (ArithmeticException e) {
      return false;
    }
  }

  private static BigDecimal decimal(JsonObject s, String keyword) {
    Object v = s.getValue(keyword);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n)) {
      throw new Unsupported();
    }
    return new BigDecimal(n.toString());
  }

  private static final class Unsupported extends RuntimeException {
    Unsupported() {
      super(null, null, false, false);
    }
  }
}
