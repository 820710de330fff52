package io.kinetic.gateway;

import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.error.FieldError;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the OpenAPI request validator rejects into the contract's failures: an undecodable
 * body is {@code MALFORMED_JSON}, a property the schema does not allow {@code UNKNOWN_FIELD}, a body
 * of another media type {@code UNSUPPORTED_MEDIA_TYPE}, anything else {@code VALIDATION_FAILED}
 * naming the parameter or the JSON path ({@code variants[0].sku}).
 */
final class ValidationFailures {

  private static final Pattern PARAMETER = Pattern.compile("(?:path|query|header|cookie) parameter ([^\\s]+?)(?:\\.|\\s|$)");
  private static final Pattern REQUIRED_PROPERTY = Pattern.compile("required property \"([^\"]+)\"");
  /** The name as sent, whatever it holds (quotes too): the message ends with the schema's words. */
  /** What the validator says, at a value's place, of a referenced schema the value fails (e.g. a cart line's {@code CartQuantity}). */
  private static final String SUBSCHEMA = "A subschema had errors";
  /** The validator's words for a number out of its bounds ({@code minimum}, {@code maximum} and their exclusive forms). */
  private static final Pattern BOUND = Pattern.compile("^-?[0-9.eE+-]+ is (greater than|less than)( or equal to)? (-?[0-9.eE+-]+)$");
  private static final Pattern UNKNOWN_PROPERTY = Pattern.compile("(?s)^Property \"(.*)\" does not match additional properties schema\\.?$");

  private ValidationFailures() {
  }

  static Failure from(ValidatorException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (e instanceof SchemaValidationException sve && sve.getOutputUnit() != null && message.contains(" body ")) {
      return fromBody(sve.getOutputUnit());
    }
    Matcher parameter = PARAMETER.matcher(message);
    if (parameter.find()) {
      String name = parameter.group(1);
      return Failure.invalid(name, reason(e, name));
    }
    return switch (e.type()) {
      case ILLEGAL_VALUE -> ErrorCode.MALFORMED_JSON.failure("the request body is not valid JSON");
      case UNSUPPORTED_VALUE_FORMAT -> ErrorCode.UNSUPPORTED_MEDIA_TYPE.failure("send the body as application/json");
      case MISSING_REQUIRED_PARAMETER -> Failure.invalid("body", "a JSON body is required");
      default -> ErrorCode.VALIDATION_FAILED.failure("the request is invalid");
    };
  }

  private static String reason(ValidatorException e, String name) {
    if (e instanceof SchemaValidationException sve && sve.getOutputUnit() != null) {
      List<OutputUnit> errors = sve.getOutputUnit().getErrors();
      if (errors != null && !errors.isEmpty()) {
        return bound(errors.get(0).getError());
      }
    }
    return switch (e.type()) {
      case MISSING_REQUIRED_PARAMETER -> "is required";
      default -> "is invalid";
    };
  }

  private static Failure fromBody(OutputUnit result) {
    List<OutputUnit> units = result.getErrors() == null ? List.of() : result.getErrors();
    var unknown = new ArrayList<FieldError>();
    var invalid = new LinkedHashSet<FieldError>();
    for (OutputUnit unit : units) {
      String location = unit.getInstanceLocation() == null ? "" : unit.getInstanceLocation();
      String error = unit.getError() == null ? "is invalid" : unit.getError();
      Matcher property = UNKNOWN_PROPERTY.matcher(error);
      Matcher required = REQUIRED_PROPERTY.matcher(error);
      if (required.find()) {
        String parent = path(location);
        String name = ControlCharacters.shown(required.group(1));
        invalid.add(new FieldError(parent.isEmpty() ? name : parent + "." + name, "is required"));
      } else if (property.find()) {
        // named as sent (the location's last segment is URI-encoded), with control characters shown as '?'
        String parent = path(location.substring(0, Math.max(0, location.lastIndexOf('/'))));
        String name = ControlCharacters.shown(property.group(1));
        unknown.add(new FieldError(parent.isEmpty() ? name : parent + "." + name, "is not a known field"));
      } else if (!isSummary(error)) {
        invalid.add(new FieldError(path(location).isEmpty() ? "body" : path(location), bound(error)));
      }
    }
    // parents ("Items did not match schema", "A subschema had errors") only repeat their children
    invalid.removeIf(parent -> invalid.stream().anyMatch(child -> isAncestor(parent.field(), child.field())));
    // a referenced schema's value is reported by the reference too, at the same place: its own error says more
    invalid.removeIf(reference -> reference.message().equals(SUBSCHEMA)
      && invalid.stream().anyMatch(other -> other != reference && other.field().equals(reference.field())));
    // a property that fails its own schema is reported as "not matching additionalProperties" too
    unknown.removeIf(u -> invalid.stream().anyMatch(i -> i.field().equals(u.field()) || isAncestor(u.field(), i.field())));
    // and a known property holding an unknown one is reported as not matching too: the unknown one says it
    var named = List.copyOf(unknown);
    unknown.removeIf(u -> named.stream().anyMatch(other -> isAncestor(u.field(), other.field())));
    if (!invalid.isEmpty()) {
      var all = new ArrayList<FieldError>(invalid);
      all.addAll(unknown);
      return Failure.invalid(all);
    }
    if (!unknown.isEmpty()) {
      String detail = unknown.size() == 1 ? "unknown field " + unknown.get(0).field() : unknown.size() + " unknown fields";
      return Failure.of(ErrorCode.UNKNOWN_FIELD, detail, unknown);
    }
    return ErrorCode.VALIDATION_FAILED.failure("the request body is invalid");
  }

  /** {@code %XX} escapes decoded as UTF-8; anything else (a lone or short escape) kept as it is. */
  static String percentDecoded(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    var bytes = new java.io.ByteArrayOutputStream(segment.length());
    int i = 0;
    while (i < segment.length()) {
      int high = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
      int low = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 2), 16) : -1;
      if (segment.charAt(i) == '%' && high >= 0 && low >= 0) {
        bytes.write(high * 16 + low);
        i += 3;
      } else {
        int cp = segment.codePointAt(i);
        byte[] own = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        bytes.write(own, 0, own.length);
        i += Character.charCount(cp);
      }
    }
    return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static boolean isAncestor(String parent, String child) {
    if (parent.equals("body")) {
      return !child.equals("body");
    }
    return child.length() > parent.length() && child.startsWith(parent)
      && (child.charAt(parent.length()) == '.' || child.charAt(parent.length()) == '[');
  }

  /** Parent errors such as "Instance does not match any of..." repeat what their children say. */
  private static boolean isSummary(String error) {
    return error.startsWith("Property \"") && error.contains("does not match schema")
      || error.startsWith("Item ") && error.contains("does not match")
      || error.contains("does not match additional properties schema")
      || error.startsWith("Instance does not match");
  }

  /**
   * A number's bound in the engine's words, as the contexts say it: "100 is greater than 99" (the
   * validator's) is "must be at most 99"; "0 is less than 1" is "must be at least 1". Anything else
   * is kept as the validator says it.
   */
  static String bound(String error) {
    Matcher bound = BOUND.matcher(error);
    if (!bound.matches()) {
      return error;
    }
    String limit = bound.group(3);
    return switch (bound.group(1) + (bound.group(2) == null ? "" : " or equal to")) {
      case "greater than" -> "must be at most " + limit;
      case "less than" -> "must be at least " + limit;
      case "greater than or equal to" -> "must be less than " + limit;
      default -> "must be more than " + limit;
    };
  }

  /**
   * JSON pointer {@code /variants/0/sku} to {@code variants[0].sku}; the validator writes it in its
   * URI form ({@code %20} for a space), which is decoded, control characters shown as '?'.
   */
  static String path(String pointer) {
    if (pointer.isEmpty() || pointer.equals("/")) {
      return "";
    }
    var out = new StringBuilder();
    for (String segment : pointer.substring(1).split("/")) {
      String name = ControlCharacters.shown(percentDecoded(segment).replace("~1", "/").replace("~0", "~"));
      if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
        out.append('[').append(name).append(']');
      } else {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(name);
      }
    }
    return out.toString();
  }
}
