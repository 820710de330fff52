package io.kinetic.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.error.FieldError;
import io.kinetic.kernel.json.Json;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The edge's one rule for text, for every context: no string a client sends may hold a C0 control
 * character other than tab, line feed and carriage return (U+0000 to U+001F), nor an unpaired
 * UTF-16 surrogate (JSON's {@code "\ud800"} alone: no character, which UTF-8 cannot encode, so it
 * would be stored as '?'). PostgreSQL cannot store U+0000 at all, and the others have no business
 * in names, e-mails or identifiers. REST
 * requests are checked by {@link #handler()} (path and query parameters, JSON body values and
 * keys), GraphQL arguments and variables by the GraphQL endpoints with {@link #inValue}; both fail
 * {@code VALIDATION_FAILED} naming each offending field.
 */
public final class ControlCharacters {

  public static final String MESSAGE =
    "must not contain control characters (U+0000 to U+001F other than tab, CR and LF) or unpaired UTF-16 surrogates";
  /** More offending fields than this are not listed: a hostile body cannot make the answer huge. */
  public static final int MAX_ERRORS = 20;

  private ControlCharacters() {
  }

  public static boolean contains(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        return true;
      }
      if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c) || i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
          return true;
        }
        i++;
      }
    }
    return false;
  }

  /** Adds a field error for each string in {@code value} (a map, list or scalar as decoded from JSON) that has one. */
  public static void inValue(Object value, String path, List<FieldError> errors) {
    if (errors.size() >= MAX_ERRORS) {
      return;
    }
    if (value instanceof String s) {
      if (contains(s)) {
        errors.add(new FieldError(path, MESSAGE));
      }
    } else if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = String.valueOf(entry.getKey());
        String at = path.isEmpty() ? shown(key) : path + "." + shown(key);
        if (contains(key)) {
          errors.add(new FieldError(at, MESSAGE));
        }
        inValue(entry.getValue(), at, errors);
      }
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        inValue(list.get(i), path + "[" + i + "]", errors);
      }
    }
  }

  /** A name as it may appear in an error: its control characters and surrogates replaced by '?'. */
  public static String shown(String name) {
    if (!contains(name)) {
      return name;
    }
    var out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      out.append(c < 0x20 || Character.isSurrogate(c) ? '?' : c);
    }
    return out.toString();
  }

  /** A REST route handler: fails the request with VALIDATION_FAILED, or lets it through. */
  static Handler<RoutingContext> handler() {
    return rc -> {
      Failure failure = check(rc);
      if (failure == null) {
        rc.next();
      } else {
        rc.fail(failure);
      }
    };
  }

  /** The request's VALIDATION_FAILED naming each field that breaks the rule, null when none does. */
  static Failure check(RoutingContext rc) {
    var errors = new ArrayList<FieldError>();
    rc.pathParams().forEach((name, value) -> {
      if (contains(value)) {
        errors.add(new FieldError(name, MESSAGE));
      }
    });
    rc.queryParams().forEach((name, value) -> {
      if (errors.size() < MAX_ERRORS && (contains(name) || contains(value))) {
        errors.add(new FieldError(shown(name), MESSAGE));
      }
    });
    Buffer body = rc.body() == null ? null : rc.body().buffer();
    if (body != null && !binary(rc) && mayEscape(body)) {
      inJson(body.getBytes(), errors);
    }
    return errors.isEmpty() ? null : Failure.invalid(errors);
  }

  /** A body of raw bytes (an upload) is not text: nothing to look for. */
  private static boolean binary(RoutingContext rc) {
    String type = rc.request().getHeader("Content-Type");
    return type != null && type.regionMatches(true, 0, "application/octet-stream", 0, "application/octet-stream".length());
  }

  /**
   * JSON text cannot hold a raw control character inside a string (the parser refuses it): one can
   * only arrive escaped. An unpaired surrogate arrives escaped, or from a four-byte sequence (lead
   * byte 0xF0 and above: the parser decodes an overlong or out-of-range one into unpaired
   * surrogates; it refuses the bytes of an encoded surrogate, 0xED 0xA0 to 0xBF). So a body with
   * neither a backslash nor such a byte needs no second look.
   */
  private static boolean mayEscape(Buffer body) {
    for (int i = 0; i < body.length(); i++) {
      byte b = body.getByte(i);
      if (b == '\\' || (b & 0xFF) >= 0xF0) {
        return true;
      }
    }
    return false;
  }

  /** Streams through the body; malformed JSON is left to the route, which reports it. */
  private static void inJson(byte[] body, List<FieldError> errors) {
    try (JsonParser parser = Json.MAPPER.getFactory().createParser(body)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null && errors.size() < MAX_ERRORS) {
        if ((token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) && contains(parser.getText())) {
          errors.add(new FieldError(path(parser.getParsingContext()), MESSAGE));
        }
      }
    } catch (IOException malformed) {
      // the route's own parsing answers MALFORMED_JSON
    }
  }

  /** The JSON path of the current token, as {@code variants[0].sku} ("body" for a top-level string). */
  private static String path(JsonStreamContext context) {
    var parts = new ArrayList<String>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.add("[" + Math.max(0, c.getCurrentIndex()) + "]");
      } else if (c.getCurrentName() != null) {
        parts.add("." + shown(c.getCurrentName()));
      }
    }
    var out = new StringBuilder();
    for (int i = parts.size() - 1; i >= 0; i--) {
      out.append(parts.get(i));
    }
    String path = out.length() > 0 && out.charAt(0) == '.' ? out.substring(1) : out.toString();
    return path.isEmpty() ? "body" : path;
  }
}
