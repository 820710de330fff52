package io.kinetic.gateway.graphql;

import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * What a GraphQL request over HTTP must look like, said before the GraphQL handler answers a bare
 * 400: one operation per request (a JSON array, a batch, is refused: "a request holds one
 * operation"), {@code query} a string, {@code variables} and {@code extensions} JSON objects,
 * {@code operationName} a string (each may be null or absent), in a POST body of JSON or in a GET's
 * query. Each refusal is {@code VALIDATION_FAILED} naming what is wrong. A body that is no JSON at
 * all is left to the handler ({@code MALFORMED_JSON}).
 */
final class RequestShape {

  private RequestShape() {
  }

  /** The refusal of {@code rc}'s request, or null when it has the shape of one GraphQL request. */
  static Failure check(RoutingContext rc) {
    if (rc.request().method() == HttpMethod.GET) {
      String variables = rc.queryParams().get("variables");
      if (variables != null && !variables.isBlank() && !isObject(variables)) {
        return Failure.invalid("variables", "must be a JSON object");
      }
      String extensions = rc.queryParams().get("extensions");
      if (extensions != null && !extensions.isBlank() && !isObject(extensions)) {
        return Failure.invalid("extensions", "must be a JSON object");
      }
      return null;
    }
    if (rc.request().method() != HttpMethod.POST || rc.body() == null || !json(rc.request().getHeader("Content-Type"))) {
      return null;
    }
    Buffer body = rc.body().buffer();
    if (body == null || body.length() == 0) {
      return null;
    }
    Object request;
    try {
      request = Json.decodeValue(body);
    } catch (DecodeException notJson) {
      return null;
    }
    if (request instanceof JsonArray) {
      return ErrorCode.VALIDATION_FAILED.failure("a request holds one operation: batches (JSON arrays) are not supported");
    }
    if (!(request instanceof JsonObject object)) {
      return Failure.invalid("body", "must be a JSON object with the query (and its variables)");
    }
    Object query = object.getValue("query");
    if (!(query instanceof String)) {
      return Failure.invalid("query", query == null ? "is required (the GraphQL document, a string)"
        : "must be a string (the GraphQL document)");
    }
    if (!absentOr(object.getValue("variables"), JsonObject.class)) {
      return Failure.invalid("variables", "must be a JSON object");
    }
    if (!absentOr(object.getValue("extensions"), JsonObject.class)) {
      return Failure.invalid("extensions", "must be a JSON object");
    }
    if (!absentOr(object.getValue("operationName"), String.class)) {
      return Failure.invalid("operationName", "must be a string");
    }
    return null;
  }

  private static boolean absentOr(Object value, Class<?> type) {
    return value == null || type.isInstance(value);
  }

  private static boolean isObject(String text) {
    try {
      return Json.decodeValue(text) instanceof JsonObject;
    } catch (DecodeException notJson) {
      return false;
    }
  }

  /** JSON bodies only ({@code application/json}); other media types are the handler's business. */
  private static boolean json(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    return type.equalsIgnoreCase("application/json");
  }
}
