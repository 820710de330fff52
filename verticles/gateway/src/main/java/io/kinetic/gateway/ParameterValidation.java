package io.kinetic.gateway;

import io.kinetic.gateway.idempotency.IdempotencyKeys;
import io.kinetic.kernel.error.Failure;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.transformer.FormTransformer;
import io.vertx.openapi.validation.transformer.ParameterTransformer;
import io.vertx.openapi.validation.transformer.SimpleTransformer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates the path and query parameters of a body-less operation against the contract on the
 * event loop, with each parameter's schema validator compiled once at start-up. vertx-openapi
 * 5.0.10's own request validator compiles every parameter schema again on every request and runs
 * on a worker thread, which cost the hot storefront lists most of their throughput. The result is
 * the same {@link ValidatedRequest} the library would store, so handlers read it the same way;
 * operations with a request body keep the library's validator.
 */
public final class ParameterValidation implements Handler<RoutingContext> {

  private static final ParameterTransformer FORM = new FormTransformer();
  private static final ParameterTransformer SIMPLE = new SimpleTransformer();

  private final List<Checked> parameters;

  private ParameterValidation(List<Checked> parameters) {
    this.parameters = parameters;
  }

  /** The validation handler for {@code operationId}; fails at start-up when it has a body or unsupported parameters. */
  public static ParameterValidation of(OpenAPIContract contract, String operationId) {
    var operation = contract.operation(operationId);
    if (operation.getRequestBody() != null) {
      throw new IllegalStateException(operationId + " has a request body: use the library's validator");
    }
    var checked = operation.getParameters().stream()
      .filter(p -> p.getIn() == Location.QUERY || p.getIn() == Location.PATH)
      .map(p -> new Checked(p, contract.getSchemaRepository().validator(p.getSchema()),
        p.getIn() == Location.PATH ? SIMPLE : FORM))
      .toList();
    // the Idempotency-Key every write carries is checked by its own handler (IdempotencyKeys)
    long others = operation.getParameters().stream()
      .filter(p -> !(p.getIn() == Location.HEADER && IdempotencyKeys.HEADER.equalsIgnoreCase(p.getName()))).count();
    if (checked.size() != others) {
      throw new IllegalStateException(operationId + " has header or cookie parameters: use the library's validator");
    }
    return new ParameterValidation(checked);
  }

  @Override
  public void handle(RoutingContext rc) {
    var path = new HashMap<String, RequestParameter>();
    var query = new HashMap<String, RequestParameter>();
    try {
      for (Checked checked : parameters) {
        Parameter parameter = checked.parameter();
        boolean inPath = parameter.getIn() == Location.PATH;
        String raw = inPath ? rc.pathParam(parameter.getName()) : rc.queryParams().get(parameter.getName());
        (inPath ? path : query).put(parameter.getName(), checked.validate(raw));
      }
    } catch (Failure invalid) {
      rc.fail(invalid);
      return;
    } catch (ValidatorException e) {
      rc.fail(ValidationFailures.from(e));
      return;
    }
    rc.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, new Validated(path, query));
    rc.next();
  }

  private record Checked(Parameter parameter, Validator validator, ParameterTransformer transformer) {

    RequestParameter validate(String raw) {
      if (raw == null) {
        if (parameter.isRequired()) {
          throw Failure.invalid(parameter.getName(), "is required");
        }
        return new Value(null);
      }
      Object value = transformer.transform(parameter, raw);
      OutputUnit result = validator.validate(value);
      if (!Boolean.TRUE.equals(result.getValid())) {
        throw Failure.invalid(parameter.getName(), reason(result));
      }
      return new Value(value);
    }

    private static String reason(OutputUnit result) {
      var errors = result.getErrors();
      if (errors != null && !errors.isEmpty()) {
        return errors.get(errors.size() - 1).getError();
      }
      return result.getError() == null ? "is invalid" : result.getError();
    }
  }

  private record Value(Object get) implements RequestParameter {
  }

  private record Validated(Map<String, RequestParameter> getPathParameters, Map<String, RequestParameter> getQuery)
    implements ValidatedRequest {

    @Override
    public Map<String, RequestParameter> getCookies() {
      return Map.of();
    }

    @Override
    public Map<String, RequestParameter> getHeaders() {
      return Map.of();
    }

    @Override
    public RequestParameter getBody() {
      return new Value(null);
    }
  }
}
