package io.kinetic.gateway.graphql;

import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.introspection.GoodFaithIntrospection;
import graphql.introspection.IntrospectionDisabledError;
import io.kinetic.gateway.ClientFailures;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.error.FieldError;
import io.kinetic.kernel.log.Logs;
import io.vertx.core.eventbus.ReplyException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Typed GraphQL errors: a failing data fetcher becomes an error whose {@code extensions.code} is
 * the {@link ErrorCode} string (plus {@code extensions.errors} for invalid fields), and every
 * other error (syntax, validation, limits, non-null violations) gets a code too before the result
 * leaves. 5xx failures are logged here, once, with the correlation id.
 */
final class ErrorCodes extends SimplePerformantInstrumentation implements DataFetcherExceptionHandler {

  private static final Logger LOG = Logger.getLogger(ErrorCodes.class.getName());
  /** graphql-java's words for a literal argument its type does not take (validation rule ArgumentsOfCorrectType). */
  private static final Pattern WRONG_TYPE =
    Pattern.compile("(?s)argument '([^']+)' with value '.*' is not a valid '([^']+)'.*");
  /** A context's range ("must be between 1 and 99"), said as REST says it. */
  private static final Pattern BETWEEN = Pattern.compile("must be between (-?[0-9]+) and (-?[0-9]+)");

  /** The arguments that slice a list (first): a page of 1 to {@link ListSizes#MAX_PAGE} items. */
  private final Set<String> slicingArguments;

  ErrorCodes(Set<String> slicingArguments) {
    this.slicingArguments = Set.copyOf(slicingArguments);
  }

  @Override
  public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(DataFetcherExceptionHandlerParameters params) {
    Throwable cause = unwrap(params.getException());
    Failure failure = ranged(Failure.from(cause));
    if (failure.errorCode().httpStatus() >= 500) {
      log(Gql.caller(params.getDataFetchingEnvironment().getGraphQlContext()).correlationId(),
        params.getPath() + ": " + failure.errorCode(), failure, cause);
      failure = ClientFailures.shown(failure);
    }
    GraphQLError error = GraphqlErrorBuilder.newError()
      .message(failure.detail())
      .path(params.getPath())
      .location(params.getSourceLocation())
      .errorType(ErrorType.DataFetchingException)
      .extensions(extensions(failure))
      .build();
    return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
  }

  @Override
  public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                                                                     InstrumentationExecutionParameters parameters,
                                                                     InstrumentationState state) {
    if (result.getErrors().stream().allMatch(ErrorCodes::hasCode)) {
      return CompletableFuture.completedFuture(result);
    }
    var errors = new ArrayList<GraphQLError>();
    for (GraphQLError error : result.getErrors()) {
      errors.add(hasCode(error) ? error : withCode(worded(error, parameters.getSchema())));
    }
    return CompletableFuture.completedFuture(ExecutionResult.newExecutionResult().from(result).errors(errors).build());
  }

  static Map<String, Object> extensions(Failure failure) {
    Map<String, Object> extensions = extensions(failure.errorCode(), failure.errors());
    if (failure.available() != null) {
      extensions.put("available", failure.available());
    }
    if (failure.retryAfterSeconds() > 0) {
      extensions.put("retryAfter", failure.retryAfterSeconds()); // seconds, as REST's Retry-After
    }
    return extensions;
  }

  static Map<String, Object> extensions(ErrorCode code, List<FieldError> fields) {
    Map<String, Object> extensions = new LinkedHashMap<>();
    extensions.put("code", code.string());
    if (!fields.isEmpty()) {
      var list = new ArrayList<Map<String, Object>>();
      fields.forEach(f -> list.add(Map.of("field", f.field(), "message", f.message())));
      extensions.put("errors", list);
    }
    return extensions;
  }

  /**
   * A failure's "must be between 1 and 99" (the contexts' words) as REST says a range: "must be an
   * integer from 1 to 99".
   */
  static Failure ranged(Failure failure) {
    if (failure.errorCode() != ErrorCode.VALIDATION_FAILED || !BETWEEN.matcher(failure.detail()).find()) {
      return failure;
    }
    var fields = new ArrayList<FieldError>();
    failure.errors().forEach(f -> fields.add(new FieldError(f.field(), ranged(f.message()))));
    return Failure.of(failure.errorCode(), ranged(failure.detail()), fields);
  }

  private static String ranged(String message) {
    return message == null ? null : BETWEEN.matcher(message).replaceAll("must be an integer from $1 to $2");
  }

  /**
   * A literal argument of the wrong type in the words REST uses for a parameter, naming it:
   * "first: must be an integer from 1 to 100" instead of "argument 'first' with value
   * 'IntValue{value=99999999999}' is not a valid 'Int' - ...", with the field in
   * {@code extensions.errors}. Other errors are left as they are.
   */
  private GraphQLError worded(GraphQLError error, GraphQLSchema schema) {
    if (!(error instanceof ValidationError validation)
      || validation.getValidationErrorType() != ValidationErrorType.WrongType) {
      return error;
    }
    Matcher wrong = WRONG_TYPE.matcher(error.getMessage());
    if (!wrong.find()) {
      return error;
    }
    String argument = wrong.group(1);
    String words = expected(argument, wrong.group(2), schema);
    return GraphqlErrorBuilder.newError()
      .message(argument + ": " + words)
      .locations(error.getLocations())
      .path(error.getPath())
      .errorType(error.getErrorType())
      .extensions(extensions(ErrorCode.VALIDATION_FAILED, List.of(new FieldError(argument, words))))
      .build();
  }

  private String expected(String argument, String type, GraphQLSchema schema) {
    return switch (type) {
      case "Int" -> slicingArguments.contains(argument) ? "must be an integer from 1 to " + ListSizes.MAX_PAGE
        : "must be an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
      case "Float" -> "must be a number";
      case "String" -> "must be a string";
      case "Boolean" -> "must be true or false";
      case "ID" -> "must be an id (a string)";
      default -> schema != null && schema.getType(type) instanceof GraphQLEnumType e
        ? "must be one of: " + String.join(", ", e.getValues().stream().map(GraphQLEnumValueDefinition::getName).toList())
        : "is not a valid " + type;
    };
  }

  private static boolean hasCode(GraphQLError error) {
    return error.getExtensions() != null && error.getExtensions().get("code") != null;
  }

  private static GraphQLError withCode(GraphQLError error) {
    ErrorCode code = codeOf(error);
    Map<String, Object> extensions = new LinkedHashMap<>();
    if (error.getExtensions() != null) {
      extensions.putAll(error.getExtensions());
    }
    extensions.put("code", code.string());
    return GraphqlErrorBuilder.newError()
      .message(code == ErrorCode.INTERNAL ? "internal error" : error.getMessage())
      .locations(error.getLocations())
      .path(error.getPath())
      .errorType(error.getErrorType())
      .extensions(extensions)
      .build();
  }

  private static ErrorCode codeOf(GraphQLError error) {
    if (error instanceof GoodFaithIntrospection.BadFaithIntrospectionError) {
      return ErrorCode.QUERY_TOO_COMPLEX;
    }
    if (error instanceof IntrospectionDisabledError) {
      return ErrorCode.INTROSPECTION_DISABLED;
    }
    if (error.getErrorType() == ErrorType.ExecutionAborted) {
      return ErrorCode.QUERY_TOO_COMPLEX;
    }
    if (error.getErrorType() == ErrorType.ValidationError || error.getErrorType() == ErrorType.InvalidSyntax) {
      return ErrorCode.VALIDATION_FAILED;
    }
    if (error.getErrorType() == ErrorType.OperationNotSupported) {
      return ErrorCode.METHOD_NOT_ALLOWED;
    }
    LOG.warning("GraphQL error without a code: " + error.getErrorType() + " " + error.getMessage());
    return ErrorCode.INTERNAL;
  }

  private static Throwable unwrap(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static void log(String cid, String what, Failure failure, Throwable cause) {
    if (failure.errorCode() == ErrorCode.INTERNAL && !(cause instanceof ReplyException)) {
      LOG.log(Level.SEVERE, Logs.withCorrelation(cid, "graphql " + what), cause);
    } else {
      LOG.warning(Logs.withCorrelation(cid, "graphql " + what + ": " + failure.detail()));
    }
  }
}
