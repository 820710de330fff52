package io.kinetic.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.error.FieldError;
import io.kinetic.kernel.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.List;

/**
 * Reads request bodies into the kernel's message records with {@link Json#MAPPER}. Throws
 * {@link Failure}: {@code MALFORMED_JSON}, {@code UNKNOWN_FIELD} or {@code VALIDATION_FAILED} with
 * the JSON path, never a Jackson message naming Java types. A field given twice in one object is
 * {@code VALIDATION_FAILED} naming it (JSON leaves its meaning open: a proxy or validator in front
 * may have read the first where the engine would take the last).
 */
public final class Bodies {

  /** The engine's mapper, refusing a name given twice in one object. */
  private static final ObjectReader STRICT = Json.MAPPER.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private Bodies() {
  }

  /** Fails {@code VALIDATION_FAILED} when an object of {@code body} (JSON) names a field twice; malformed JSON is left to the reader. */
  public static void noDuplicateFields(Buffer body) {
    if (body == null || body.length() == 0) {
      return;
    }
    try (JsonParser parser = STRICT.createParser(body.getBytes())) {
      while (parser.nextToken() != null) {
        // the parser fails at a repeated name
      }
    } catch (StreamReadException e) {
      Failure duplicate = duplicate(e);
      if (duplicate != null) {
        throw duplicate;
      }
    } catch (IOException malformed) {
      // the route's own parsing answers it
    }
  }

  /** The failure for a repeated field, or null when {@code e} is another problem. */
  private static Failure duplicate(StreamReadException e) {
    String message = e.getOriginalMessage();
    String prefix = "Duplicate field '";
    if (message == null || !message.startsWith(prefix) || message.indexOf('\'', prefix.length()) < 0) {
      return null;
    }
    String name = message.substring(prefix.length(), message.lastIndexOf('\''));
    String field = ControlCharacters.shown(name);
    return Failure.invalid(field.isEmpty() ? "body" : field, "is given more than once");
  }

  public static <T> T read(RoutingContext rc, Class<T> type) {
    try {
      return STRICT.forType(type).readValue(bytes(rc));
    } catch (IOException e) {
      throw translate(e);
    }
  }

  public static JsonNode tree(RoutingContext rc) {
    try {
      return STRICT.readTree(bytes(rc));
    } catch (IOException e) {
      throw translate(e);
    }
  }

  public static <T> T convert(JsonNode node, Class<T> type) {
    try {
      return Json.MAPPER.treeToValue(node, type);
    } catch (IOException e) {
      throw translate(e);
    } catch (IllegalArgumentException e) {
      throw Failure.invalid("body", "is invalid");
    }
  }

  private static byte[] bytes(RoutingContext rc) {
    Buffer body = rc.body() == null ? null : rc.body().buffer();
    if (body == null || body.length() == 0) {
      throw Failure.invalid("body", "a JSON body is required");
    }
    return body.getBytes();
  }

  public static Failure translate(IOException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      String field = path(unknown);
      return Failure.of(ErrorCode.UNKNOWN_FIELD, "unknown field " + field, List.of(new FieldError(field, "is not a known field")));
    }
    if (e instanceof StreamReadException read) {
      Failure duplicate = duplicate(read);
      return duplicate != null ? duplicate : ErrorCode.MALFORMED_JSON.failure("the request body is not valid JSON");
    }
    if (e instanceof ValueInstantiationException vie && vie.getCause() instanceof IllegalArgumentException iae) {
      return Failure.invalid(orBody(path(vie)), iae.getMessage());
    }
    if (e instanceof DatabindException de && de.getCause() instanceof InputCoercionException number) {
      // a number the field's Java type cannot hold (the contract's bounds let it through)
      String range = range(number.getTargetType());
      return Failure.invalid(orBody(path(de)), range == null ? "has the wrong type or value" : "must be an integer from " + range);
    }
    if (e instanceof DatabindException de) {
      return Failure.invalid(orBody(path(de)), "has the wrong type or value");
    }
    return ErrorCode.MALFORMED_JSON.failure("the request body is not valid JSON");
  }

  /** "-2147483648 to 2147483647" for an integral Java type, null for any other. */
  private static String range(Class<?> type) {
    if (type == int.class || type == Integer.class) {
      return Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
    }
    if (type == long.class || type == Long.class) {
      return Long.MIN_VALUE + " to " + Long.MAX_VALUE;
    }
    if (type == short.class || type == Short.class) {
      return Short.MIN_VALUE + " to " + Short.MAX_VALUE;
    }
    if (type == byte.class || type == Byte.class) {
      return Byte.MIN_VALUE + " to " + Byte.MAX_VALUE;
    }
    return null;
  }

  private static String orBody(String path) {
    return path.isEmpty() ? "body" : path;
  }

  /** Jackson's reference path as {@code variants[0].sku}. */
  private static String path(DatabindException e) {
    if (!(e instanceof JsonMappingException jme)) {
      return "";
    }
    var out = new StringBuilder();
    for (JsonMappingException.Reference ref : jme.getPath()) {
      if (ref.getFieldName() != null) {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.toString();
  }
}
