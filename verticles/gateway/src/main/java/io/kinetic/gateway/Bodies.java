package io.kinetic.gateway;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
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
 * the JSON path, never a Jackson message naming Java types.
 */
public final class Bodies {

  private Bodies() {
  }

  public static <T> T read(RoutingContext rc, Class<T> type) {
    try {
      return Json.MAPPER.readValue(bytes(rc), type);
    } catch (IOException e) {
      throw translate(e);
    }
  }

  public static JsonNode tree(RoutingContext rc) {
    try {
      return Json.MAPPER.readTree(bytes(rc));
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
    if (e instanceof StreamReadException) {
      return ErrorCode.MALFORMED_JSON.failure("the request body is not valid JSON");
    }
    if (e instanceof ValueInstantiationException vie && vie.getCause() instanceof IllegalArgumentException iae) {
      return Failure.invalid(orBody(path(vie)), iae.getMessage());
    }
    if (e instanceof DatabindException de) {
      return Failure.invalid(orBody(path(de)), "has the wrong type or value");
    }
    return ErrorCode.MALFORMED_JSON.failure("the request body is not valid JSON");
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
