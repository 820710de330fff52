package io.kinetic.gateway;

import io.kinetic.gateway.idempotency.IdempotencyKeys;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.RequestBody;
import io.vertx.openapi.contract.Style;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidationContext;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.analyser.ContentAnalyser;
import io.vertx.openapi.validation.transformer.FormTransformer;
import io.vertx.openapi.validation.transformer.LabelTransformer;
import io.vertx.openapi.validation.transformer.MatrixTransformer;
import io.vertx.openapi.validation.transformer.ParameterTransformer;
import io.vertx.openapi.validation.transformer.SimpleTransformer;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Checks a request against its operation in the contract, on the event loop (a body over 64 KB on a
 * worker thread): first the caller against the operation's {@code security} ({@link ContractAccess},
 * which also extracts the parameters and the buffered body), then every parameter and the body against their schemas,
 * each schema's validator compiled once at start-up. It follows vertx-openapi 5.0.10's own
 * request validator rule for rule (same transformers, same content analysers, same exceptions,
 * so {@link ValidationFailures} reads them the same way), except that each value is the one the
 * route's handler reads ({@link ContractRequests}: a query value percent-decoded once, not twice)
 * and a string parameter is taken as it is, never decoded as JSON ({@link Checked#literal}); and
 * without its two costs: that validator
 * compiles every schema again on every request and runs on a worker thread, which halved the
 * throughput of the busiest writes (add to cart); and a valid value of a plain schema is accepted
 * by a quick check ({@link FastSchema}) before the full validator is asked. The result is stored where the library stores it
 * ({@link RouterBuilder#KEY_META_DATA_VALIDATED_REQUEST}). The {@code Idempotency-Key} header is
 * left to its own handler ({@link IdempotencyKeys}), which checks it with its own rules.
 */
final class ContractValidation implements Handler<RoutingContext> {

  private static final Map<Style, ParameterTransformer> TRANSFORMERS = new EnumMap<>(Map.of(
    Style.SIMPLE, new SimpleTransformer(), Style.LABEL, new LabelTransformer(),
    Style.MATRIX, new MatrixTransformer(), Style.FORM, new FormTransformer()));

  private static final int LARGE_BODY_BYTES = 64 * 1024;

  private final Operation operation;
  private final RequestExtractor extractor;
  private final List<Checked> parameters;
  private final Map<MediaType, Schema> bodies = new IdentityHashMap<>();
  private volatile boolean enabled = true;

  ContractValidation(OpenAPIContract contract, Operation operation, RequestExtractor extractor) {
    this.operation = operation;
    this.extractor = extractor;
    this.parameters = operation.getParameters().stream()
      .filter(p -> !(p.getIn() == Location.HEADER && IdempotencyKeys.HEADER.equalsIgnoreCase(p.getName())))
      .map(p -> new Checked(p, Schema.of(contract, p.getSchema()), TRANSFORMERS.get(p.getStyle())))
      .toList();
    RequestBody body = operation.getRequestBody();
    if (body != null) {
      for (MediaType type : body.getContent().values()) {
        if (needsSchemaValidation(type)) {
          bodies.put(type, Schema.of(contract, type.getSchema()));
        }
      }
    }
  }

  /** As the library: no schema, or a plain binary string, is not validated. */
  private static boolean needsSchemaValidation(MediaType type) {
    if (type.getSchema() == null) {
      return false;
    }
    boolean binary = "string".equalsIgnoreCase(type.getSchema().get("type"))
      && "binary".equalsIgnoreCase(type.getSchema().get("format")) && type.getSchema().fieldNames().size() == 2;
    return !binary;
  }

  /** Off for operations bound without validation (public ones only: {@link ContractAccess#verify}). */
  void enabled(boolean enabled) {
    this.enabled = enabled;
  }

  @Override
  public void handle(RoutingContext rc) {
    if (!enabled) {
      rc.next();
      return;
    }
    Failure twice = givenTwice(rc);
    if (twice != null) {
      rc.fail(twice);
      return;
    }
    Future<ValidatableRequest> extracted;
    try {
      extracted = extractor.extractValidatableRequest(rc, operation);
    } catch (IllegalArgumentException undecodable) {
      extracted = Future.failedFuture(undecodable);
    }
    extracted.compose(request -> large(request)
      ? rc.vertx().executeBlocking(() -> validate(request), false)
      : Future.succeededFuture(validate(request))).onComplete(ar -> {
      if (ar.succeeded()) {
        rc.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, ar.result());
        rc.next();
      } else if (ar.cause() instanceof ValidatorException e) {
        // a name or value with a control character: the validator's pointers encode those
        // ambiguously ("%20" for U+0002 and "0"), so the edge's rule for text answers instead
        Failure text = ControlCharacters.check(rc);
        rc.fail(text != null ? text : new HttpException(400, e.getMessage(), e));
      } else if (ar.cause() instanceof IllegalArgumentException) {
        // a query netty cannot decode ("%zz")
        rc.fail(ErrorCode.VALIDATION_FAILED.failure("the request path or query is invalid"));
      } else {
        rc.fail(ar.cause());
      }
    });
  }

  /**
   * A query parameter of one value (not an array in the contract) given more than once
   * ({@code ?limit=1&limit=2}): refused naming it, rather than taking the first, as the library
   * does, where a proxy or cache in front may read the last.
   */
  private Failure givenTwice(RoutingContext rc) {
    for (Checked checked : parameters) {
      Parameter p = checked.parameter();
      if (p.getIn() != Location.QUERY || p.getSchemaType() == SchemaType.ARRAY) {
        continue;
      }
      try {
        if (rc.queryParams().getAll(p.getName()).size() > 1) {
          return Failure.invalid(p.getName(), "is given twice: send it once");
        }
      } catch (IllegalArgumentException undecodable) {
        return null; // said by the extraction ("%zz")
      }
    }
    return null;
  }

  /** The media types the operation's body may have, for a refusal's detail ("application/octet-stream"). */
  private static String accepted(RequestBody body) {
    return String.join(" or ", new TreeSet<>(body.getContent().keySet()));
  }

  /** A body this large is checked on a worker thread, not to hold the event loop up. */
  private static boolean large(ValidatableRequest request) {
    return request.getBody() != null && !request.getBody().isEmpty()
      && request.getBody().getBuffer(Buffer.buffer()).length() > LARGE_BODY_BYTES;
  }

  private ValidatedRequest validate(ValidatableRequest request) {
    var cookies = new HashMap<String, RequestParameter>();
    var headers = new HashMap<String, RequestParameter>();
    var path = new HashMap<String, RequestParameter>();
    var query = new HashMap<String, RequestParameter>();
    for (Checked checked : parameters) {
      Parameter p = checked.parameter();
      switch (p.getIn()) {
        case COOKIE -> cookies.put(p.getName(), checked.validate(request.getCookies().get(p.getName())));
        case HEADER -> headers.put(p.getName(), checked.validate(request.getHeaders().get(p.getName())));
        case PATH -> path.put(p.getName(), checked.validate(request.getPathParameters().get(p.getName())));
        case QUERY -> query.put(p.getName(), checked.validate(request.getQuery().get(p.getName())));
      }
    }
    return new Validated(cookies, headers, path, query, body(request));
  }

  private RequestParameter body(ValidatableRequest request) {
    RequestBody requestBody = operation.getRequestBody();
    if (requestBody == null) {
      return new Value(null);
    }
    String sent = request.getContentType();
    if (sent != null && !sent.isBlank() && requestBody.determineContentType(sent) == null) {
      // a body of another type (a form's multipart, text) is that, whatever else is wrong with it
      throw ErrorCode.UNSUPPORTED_MEDIA_TYPE.failure("send the body as " + accepted(requestBody));
    }
    if (request.getBody() == null || request.getBody().isEmpty()) {
      if (requestBody.isRequired()) {
        // named by what this operation takes: a JSON body, or the raw bytes of an upload
        throw requestBody.getContent().containsKey("application/json")
          ? new ValidatorException("The related request does not contain the required body.",
            ValidatorErrorType.MISSING_REQUIRED_PARAMETER)
          : Failure.invalid("body", "a body is required (" + accepted(requestBody) + ")");
      }
      return new Value(null);
    }
    MediaType mediaType = requestBody.determineContentType(request.getContentType());
    Buffer content = request.getBody().getBuffer(Buffer.buffer());
    ContentAnalyser analyser = mediaType == null ? null
      : ContentAnalyser.getContentAnalyser(mediaType, request.getContentType(), content, ValidationContext.REQUEST);
    if (analyser == null) {
      throw ErrorCode.UNSUPPORTED_MEDIA_TYPE.failure("send the body as " + accepted(requestBody));
    }
    analyser.checkSyntacticalCorrectness();
    Schema schema = bodies.get(mediaType);
    if (schema == null) {
      return new Value(content);
    }
    Object value = analyser.transform();
    schema.check(value, (result, e) -> SchemaValidationException.createInvalidValueBody(result, ValidationContext.REQUEST, e));
    return new Value(value);
  }

  /**
   * A schema of the contract, compiled once: the quick check ({@link FastSchema}, null where the
   * schema is not plain) accepts most valid values; the full validator decides the rest, and its
   * errors are said in the engine's words ({@link SchemaWording}: an integer out of its schema's
   * range with both bounds, {@link IntegerRanges}).
   */
  private record Schema(Validator full, FastSchema quick, JsonObject resolved) {

    static Schema of(OpenAPIContract contract, JsonSchema schema) {
      FastSchema quick = null;
      JsonObject resolved = null;
      if (schema instanceof JsonObject json) {
        try {
          resolved = contract.getSchemaRepository().resolve(json);
          quick = FastSchema.compile(resolved);
        } catch (RuntimeException unresolvable) {
          quick = null;
        }
      }
      return new Schema(contract.getSchemaRepository().validator(schema), quick, resolved);
    }

    /** Returns when {@code value} is valid, else throws what {@code refusal} makes of the validator's output. */
    void check(Object value, BiFunction<OutputUnit, JsonSchemaValidationException, ValidatorException> refusal) {
      if (quick != null && quick.accepts(value)) {
        return;
      }
      OutputUnit result = full.validate(value);
      try {
        result.checkValidity();
      } catch (JsonSchemaValidationException e) {
        SchemaWording.reword(result, resolved);
        throw refusal.apply(result, e);
      }
    }
  }

  record Checked(Parameter parameter, Schema schema, ParameterTransformer transformer) {

    RequestParameter validate(RequestParameter raw) {
      if (raw == null || raw.isNull()) {
        if (parameter.isRequired()) {
          throw ValidatorException.createMissingRequiredParameter(parameter);
        }
        return new Value(null);
      }
      if (transformer == null) {
        throw ValidatorException.createUnsupportedValueFormat(parameter);
      }
      String text = String.valueOf(raw.get());
      if (parameter.getSchemaType() == SchemaType.INTEGER && !Requests.isPlainInteger(text)) {
        // the transformer reads JSON ("1e2", "1.0", " 1"), which the handlers' parsing does not:
        // an integer in a path, query or header is its digits only, as the contract means
        String range = IntegerRanges.range(schema.resolved());
        throw Failure.invalid(parameter.getName(), range == null ? "must be an integer" : "must be an integer from " + range);
      }
      Object value = literal(parameter.getSchemaType(), transformer) ? text : transformer.transform(parameter, text);
      schema.check(value, (result, e) -> SchemaValidationException.createErrorFromOutputUnitType(parameter, result, e));
      return new Value(value);
    }

    /**
     * A string parameter of simple or form style (as headers, path and query parameters are) is its
     * value as sent, whatever it holds: {@code 50%}, {@code 12" vinyl}, {@code a\b}, {@code {}},
     * {@code "USD"} (quotes and all). vertx-openapi 5.0.10's transformer decodes such a value as
     * JSON first (and quotes it only when that throws), so {@code "USD"} passed as {@code USD},
     * {@code a"b} could not be decoded and {@code {}} was an object; its later versions take a
     * string as it is too. Other types (integer, boolean, arrays, objects) are left to the transformer.
     */
    static boolean literal(SchemaType type, ParameterTransformer transformer) {
      return type == SchemaType.STRING && (transformer instanceof SimpleTransformer || transformer instanceof FormTransformer);
    }
  }

  private record Value(Object get) implements RequestParameter {
  }

  private record Validated(Map<String, RequestParameter> getCookies, Map<String, RequestParameter> getHeaders,
                           Map<String, RequestParameter> getPathParameters, Map<String, RequestParameter> getQuery,
                           RequestParameter getBody) implements ValidatedRequest {
  }
}
