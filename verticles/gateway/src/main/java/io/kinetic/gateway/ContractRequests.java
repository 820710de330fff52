package io.kinetic.gateway;

import static java.util.stream.Collectors.joining;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A request's parameters and body as {@link ContractValidation} checks them: each value as the
 * route's handler reads it. Query parameters are the request's query string percent-decoded once
 * ({@code rc.queryParams()}: {@code 50%25} is {@code 50%}), path parameters vert.x-web's
 * ({@code rc.pathParam}), headers and cookies as sent. vertx-openapi 5.0.10's own extraction
 * ({@code RequestUtils}) percent-decoded query values a second time and headers once: {@code q=50%25}
 * failed as "can't decode URL value" (answered as if the body were malformed JSON), {@code %2541}
 * became {@code A} and {@code +} a space, and an {@code Idempotency-Key} holding {@code %} was refused.
 * The values are joined for the parameter's style as the library joins them (arrays and objects).
 * A query string netty cannot decode ({@code %zz}) fails with an {@link IllegalArgumentException}.
 */
final class ContractRequests implements RequestExtractor {

  @Override
  public Future<ValidatableRequest> extractValidatableRequest(RoutingContext rc, Operation operation) {
    HttpServerRequest request = rc.request();
    MultiMap queryParams;
    try {
      queryParams = rc.queryParams();
    } catch (HttpException undecodable) {
      return Future.failedFuture(undecodable.getCause() instanceof IllegalArgumentException cause ? cause
        : new IllegalArgumentException(undecodable.getMessage(), undecodable));
    }
    var cookies = new HashMap<String, RequestParameter>();
    var headers = new HashMap<String, RequestParameter>();
    var path = new HashMap<String, RequestParameter>();
    var query = new HashMap<String, RequestParameter>();
    for (Parameter p : operation.getParameters()) {
      String name = p.getName();
      switch (p.getIn()) {
        case COOKIE -> cookies.put(name, form(p, request.cookies(name).stream().map(Cookie::getValue).toList(),
          () -> request.cookies().stream().map(c -> c.getName() + "=" + c.getValue()).collect(joining("&"))));
        case HEADER -> headers.put(name, new Value(request.getHeader(name)));
        case PATH -> path.put(name, new Value(rc.pathParam(name)));
        case QUERY -> query.put(name, form(p, queryParams.getAll(name),
          () -> queryParams.entries().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(joining("&"))));
      }
    }
    RequestParameter body = operation.getRequestBody() == null ? null
      : new Value(rc.body() == null ? null : rc.body().buffer());
    return Future.succeededFuture(new Request(cookies, headers, path, query, body,
      request.headers().get(HttpHeaders.CONTENT_TYPE)));
  }

  /** Form-style values (query, cookie) joined as vertx-openapi joins them for the parameter's type. */
  private static RequestParameter form(Parameter p, List<String> values, java.util.function.Supplier<String> all) {
    if (values.isEmpty()) {
      return new Value(null);
    }
    return switch (p.getSchemaType()) {
      case OBJECT -> new Value(p.isExplode() ? all.get() : values.get(0));
      case ARRAY -> new Value(p.isExplode()
        ? values.stream().map(v -> p.getName() + "=" + v).collect(joining("&")) : values.get(0));
      default -> new Value(values.get(0));
    };
  }

  private record Value(Object get) implements RequestParameter {
  }

  private record Request(Map<String, RequestParameter> getCookies, Map<String, RequestParameter> getHeaders,
                         Map<String, RequestParameter> getPathParameters, Map<String, RequestParameter> getQuery,
                         RequestParameter getBody, String getContentType) implements ValidatableRequest {
  }
}
