package io.kinetic.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schema validator's errors (vertx-json-schema's {@code SchemaValidatorImpl}) in the engine's
 * words, one per value: each error is worded from its keyword ({@code type}, {@code enum},
 * {@code pattern}, {@code format}, {@code minLength}, {@code maxItems}, {@code maxProperties}, ...)
 * and the schema it belongs to, never from the validator's sentence ("Instance type string is
 * invalid. Expected integer", "Array has too many items ( + 5000 > 100)", "Instance does not have
 * at least 10 properties" for a {@code maxProperties} of 10). So: "must be an integer from 1 to 99",
 * "must be one of: DRAFT, PUBLISHED", "must be three capital letters (an ISO 4217 currency code)",
 * "must hold at most 100 items", "must have at most 10 entries", "is not a date-time (ISO 8601)".
 * <p>
 * Summaries that only repeat their children ({@code $ref}, {@code properties}, {@code items},
 * {@code oneOf}, ...) are dropped when a child says more; the {@code {type: "null"}} branch of a
 * nullable {@code oneOf} says nothing ("Expected null" beside the real error): its sibling's type is
 * said "or null". A value keeps its first error only. Errors of {@code required} and
 * {@code additionalProperties} are kept as they are, for {@link ValidationFailures} to name the field.
 */
final class SchemaWording {

  /** What a name in a map ({@code propertyNames}) fails is said of the map, naming the key. */
  private static final String PROPERTY_NAMES = "propertyNames";
  private static final Set<String> KEPT = Set.of("required", "additionalProperties");
  private static final Set<String> SUMMARIES = Set.of("$ref", "$dynamicRef", "$recursiveRef", "properties", "items",
    "prefixItems", "additionalItems", "oneOf", "anyOf", "allOf", PROPERTY_NAMES, "patternProperties", "dependentSchemas",
    "dependencies", "if", "then", "else", "unevaluatedItems", "unevaluatedProperties");
  /** An integer schema's bounds when the contract gives none (those of a 64-bit integer): not worth saying. */
  private static final String LONG_RANGE = Long.MIN_VALUE + " to " + Long.MAX_VALUE;
  private static final Pattern PROPERTY_NAME = Pattern.compile("(?s)^Property name \"(.*)\" does not match schema$");

  /** The contract's patterns in words; any other is named as it is ("must match the pattern ^...$"). */
  private static final Map<String, String> PATTERNS = Map.ofEntries(
    Map.entry("^[A-Z]{3}$", "must be three capital letters (an ISO 4217 currency code such as EUR)"),
    Map.entry("^[a-z0-9]+(?:-[a-z0-9]+)*$", "must be lower-case letters and digits, in words joined by single dashes"),
    Map.entry("^[A-Za-z0-9._-]+$", "must hold only letters, digits, '.', '_' and '-'"),
    Map.entry("^[a-z]{2,3}(?:-[A-Z]{2})?$", "must be a locale such as en or de-CH"),
    Map.entry("^[a-z][a-z0-9_]*$", "must be lower-case letters, digits and underscores, starting with a letter"),
    Map.entry("^[a-z][a-z0-9_-]{0,39}$",
      "must be at most 40 lower-case letters, digits, '_' and '-', starting with a letter"),
    Map.entry("^[A-Za-z]{2}$", "must be two letters (an ISO 3166-1 country code such as DE)"),
    Map.entry("^[A-Z]{2}$", "must be two capital letters (an ISO 3166-1 country code such as DE)"),
    Map.entry("^[0-9 -]+$", "must hold only digits, spaces and dashes"),
    Map.entry("^[\\x20-\\x7E]+$", "must hold only printable ASCII characters"),
    Map.entry("^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*$", "must be a language tag such as en or de-CH"),
    Map.entry("^[0-9a-fA-F-]{36}(,[0-9a-fA-F-]{36}){0,99}$", "must be 1 to 100 UUIDs separated by commas"),
    Map.entry("^[A-Za-z0-9_-]{8,64}$", "must be 8 to 64 letters, digits, '_' and '-'"));

  private SchemaWording() {
  }

  /** The words for a pattern of the contract (see {@link #PATTERNS}); for tests of the contract's patterns. */
  static boolean knows(String pattern) {
    return PATTERNS.containsKey(pattern);
  }

  /**
   * Rewords the errors of {@code result} in place, for {@code schema} (the validated schema with its
   * references resolved; null: only summaries are dropped, other errors are "is invalid").
   */
  static void reword(OutputUnit result, JsonObject schema) {
    List<OutputUnit> errors = result.getErrors();
    if (errors == null || errors.isEmpty()) {
      return;
    }
    var leaves = new ArrayList<OutputUnit>();
    var places = new HashSet<String>();
    var summaries = new ArrayList<OutputUnit>();
    for (OutputUnit error : errors) {
      String location = error.getKeywordLocation() == null ? "" : error.getKeywordLocation();
      int slash = location.lastIndexOf('/');
      String keyword = slash < 0 ? location : location.substring(slash + 1);
      if (KEPT.contains(keyword)) {
        places.add(String.valueOf(error.getInstanceLocation()));
        leaves.add(error);
        continue;
      }
      if (SUMMARIES.contains(keyword)) {
        summaries.add(error);
        continue;
      }
      if (schema != null && inNullBranch(schema, location)) {
        continue;
      }
      Object parent = schema == null ? null : IntegerRanges.at(schema, slash < 0 ? "" : location.substring(0, slash));
      String words = parent instanceof JsonObject object ? words(keyword, object, error.getError()) : null;
      if (keyword.equals("type") && words != null && schema != null && nullableBranch(schema, location)) {
        words += " or null";
      }
      error.setError(words == null ? "is invalid" : words);
      places.add(String.valueOf(error.getInstanceLocation()));
      String key = keyName(location, error.getInstanceLocation());
      if (key != null) {
        // a key of a map: said of the map ("translations: the key "EN!" must be a locale ...")
        error.setError("the key \"" + ControlCharacters.shown(ValidationFailures.percentDecoded(key)) + "\" " + error.getError());
        String instance = error.getInstanceLocation();
        error.setInstanceLocation(instance.substring(0, instance.lastIndexOf('/')));
      }
      leaves.add(error);
    }
    var kept = new ArrayList<OutputUnit>();
    var said = new HashSet<String>();
    for (OutputUnit leaf : leaves) {
      String keyword = leaf.getKeywordLocation() == null ? "" : leaf.getKeywordLocation();
      boolean own = !keyword.endsWith("/required") && !keyword.endsWith("/additionalProperties");
      // one error per value: the first (a type before the rest, a minimum length before a pattern)
      if (!own || said.add(String.valueOf(leaf.getInstanceLocation()))) {
        kept.add(leaf);
      }
    }
    for (OutputUnit summary : summaries) {
      String at = String.valueOf(summary.getInstanceLocation());
      boolean told = PROPERTY_NAME.matcher(String.valueOf(summary.getError())).matches()
        || places.stream().anyMatch(place -> within(at, place))
        || kept.stream().anyMatch(leaf -> within(at, String.valueOf(leaf.getInstanceLocation())));
      if (!told) {
        summary.setError("is invalid");
        kept.add(summary);
        said.add(at);
      }
    }
    result.setErrors(kept);
  }

  /** The name checked by {@code propertyNames}, when {@code keywordLocation} is inside that keyword. */
  private static String keyName(String keywordLocation, String instanceLocation) {
    if (!keywordLocation.contains("/" + PROPERTY_NAMES + "/") || instanceLocation == null) {
      return null;
    }
    int slash = instanceLocation.lastIndexOf('/');
    return slash < 0 ? null : instanceLocation.substring(slash + 1);
  }

  private static boolean within(String parent, String child) {
    return child.equals(parent) || child.startsWith(parent.endsWith("/") ? parent : parent + "/") || parent.isEmpty();
  }

  /** The words for {@code keyword} of {@code schema}; null when there are none. */
  static String words(String keyword, JsonObject schema, String error) {
    return switch (keyword) {
      case "type" -> {
        String range = IntegerRanges.range(schema);
        String types = types(schema.getValue("type"));
        if (range != null && !range.equals(LONG_RANGE)) {
          yield "must be an integer from " + range + (types.endsWith(" or null") ? " or null" : "");
        }
        yield types.isEmpty() ? null : "must be " + types;
      }
      case "enum" -> schema.getValue("enum") instanceof JsonArray values
        ? "must be one of: " + String.join(", ", values.stream().map(SchemaWording::shown).toList()) : null;
      case "const" -> schema.containsKey("const") ? "must be " + shown(schema.getValue("const")) : null;
      case "pattern" -> schema.getValue("pattern") instanceof String pattern
        ? PATTERNS.getOrDefault(pattern, "must match the pattern " + pattern) : null;
      case "format" -> format(schema.getString("format"));
      case "minLength" -> count(schema, keyword, "must not be empty", "must be at least %d characters long");
      case "maxLength" -> count(schema, keyword, null, "must be at most %d characters long");
      case "minItems" -> count(schema, keyword, "must hold at least 1 item", "must hold at least %d items");
      case "maxItems" -> count(schema, keyword, "must hold at most 1 item", "must hold at most %d items");
      case "minProperties" -> count(schema, keyword, "must have at least 1 entry", "must have at least %d entries");
      case "maxProperties" -> count(schema, keyword, "must have at most 1 entry", "must have at most %d entries");
      case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" -> {
        String range = IntegerRanges.range(schema);
        if (range != null) {
          yield "must be an integer from " + range;
        }
        String bound = error == null ? null : ValidationFailures.bound(error);
        yield bound != null && bound.startsWith("must ") ? bound : null;
      }
      case "multipleOf" -> schema.getValue("multipleOf") instanceof Number n ? "must be a multiple of " + n : null;
      case "uniqueItems" -> "must not hold the same item twice";
      case "not" -> "is not allowed";
      default -> null;
    };
  }

  /** "a string", "an integer or null", "a string or a number". */
  private static String types(Object type) {
    var names = new ArrayList<String>();
    boolean nullable = false;
    for (Object t : type instanceof JsonArray array ? array.getList() : type == null ? List.of() : List.of(type)) {
      switch (String.valueOf(t)) {
        case "null" -> nullable = true;
        case "integer" -> names.add("an integer");
        case "object" -> names.add("an object");
        case "array" -> names.add("an array");
        case "string", "number", "boolean" -> names.add("a " + t);
        default -> names.add(String.valueOf(t));
      }
    }
    if (nullable) {
      names.add("null");
    }
    return String.join(" or ", names);
  }

  private static String format(String format) {
    if (format == null) {
      return null;
    }
    return switch (format) {
      case "uuid" -> "must be a UUID";
      case "date-time" -> "is not a date-time (ISO 8601, e.g. 2026-01-31T09:30:00Z)";
      case "date" -> "is not a date (ISO 8601, e.g. 2026-01-31)";
      case "time" -> "is not a time (ISO 8601, e.g. 09:30:00Z)";
      case "email" -> "is not an e-mail address";
      case "uri", "uri-reference", "iri", "iri-reference" -> "is not a URI";
      case "ipv4", "ipv6" -> "is not an " + format.toUpperCase(java.util.Locale.ROOT) + " address";
      default -> "is not a valid " + format;
    };
  }

  private static String count(JsonObject schema, String keyword, String one, String many) {
    if (!(schema.getValue(keyword) instanceof Number n)) {
      return null;
    }
    return n.longValue() == 1 && one != null ? one : String.format(java.util.Locale.ROOT, many, n.longValue());
  }

  private static String shown(Object value) {
    return value instanceof String s ? s : String.valueOf(value);
  }

  /** Whether {@code location} lies in a {@code {type: "null"}} branch of a {@code oneOf} or {@code anyOf}. */
  private static boolean inNullBranch(JsonObject schema, String location) {
    String[] steps = location.split("/", -1);
    for (int i = 0; i + 1 < steps.length; i++) {
      if ((steps[i].equals("oneOf") || steps[i].equals("anyOf")) && isNull(IntegerRanges.at(schema, join(steps, i + 2)))) {
        return true;
      }
    }
    return false;
  }

  /** Whether the innermost {@code oneOf}/{@code anyOf} around {@code location} has a {@code {type: "null"}} branch. */
  private static boolean nullableBranch(JsonObject schema, String location) {
    String[] steps = location.split("/", -1);
    for (int i = steps.length - 2; i >= 0; i--) {
      if (steps[i].equals("oneOf") || steps[i].equals("anyOf")) {
        if (!(IntegerRanges.at(schema, join(steps, i + 1)) instanceof JsonArray branches)) {
          return false;
        }
        for (int b = 0; b < branches.size(); b++) {
          if (isNull(branches.getValue(b))) {
            return true;
          }
        }
        return false;
      }
    }
    return false;
  }

  private static boolean isNull(Object branch) {
    // a resolved schema may hold the library's own entries ("__absolute_uri__") besides the keywords
    return branch instanceof JsonObject object && "null".equals(object.getValue("type"))
      && object.fieldNames().stream().allMatch(k -> k.equals("type") || k.startsWith("__") || k.equals("description"));
  }

  private static String join(String[] steps, int count) {
    return String.join("/", java.util.Arrays.copyOf(steps, count));
  }
}
