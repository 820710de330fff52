package io.kinetic.kernel.error;

import io.kinetic.kernel.pg.SqlStates;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import java.util.ArrayList;
import java.util.List;

/**
 * A business failure that crosses the event bus intact, also between cluster nodes: it is a
 * {@link ReplyException} whose failure code is the {@link ErrorCode} number and whose message is a
 * small JSON document with the detail and the field errors.
 */
public final class Failure extends ReplyException {

  private final ErrorCode errorCode;
  private final String detail;
  private final List<FieldError> errors;
  private final long retryAfterSeconds;
  private final Integer available;

  private Failure(ErrorCode errorCode, String detail, List<FieldError> errors) {
    this(errorCode, detail, errors, 0, null);
  }

  private Failure(ErrorCode errorCode, String detail, List<FieldError> errors, long retryAfterSeconds, Integer available) {
    super(ReplyFailure.RECIPIENT_FAILURE, errorCode.code(), encode(detail, errors, retryAfterSeconds, available));
    this.errorCode = errorCode;
    this.detail = detail;
    this.errors = List.copyOf(errors);
    this.retryAfterSeconds = Math.max(0, retryAfterSeconds);
    this.available = available;
  }

  /**
   * A stock failure ({@code OUT_OF_STOCK}, {@code LINE_LIMIT_EXCEEDED}) that says how many units
   * could still be had: the problem's (and the GraphQL error's) {@code available}.
   */
  public static Failure withAvailable(ErrorCode code, String detail, int available) {
    return new Failure(code, detail, List.of(), 0, Math.max(0, available));
  }

  public static Failure of(ErrorCode code, String detail) {
    return new Failure(code, detail, List.of());
  }

  /** A failure of any code that names the offending fields, e.g. {@code UNKNOWN_FIELD}. */
  public static Failure of(ErrorCode code, String detail, List<FieldError> errors) {
    return new Failure(code, detail, errors);
  }

  /** {@code RATE_LIMITED}, with the seconds after which a retry may succeed (the edge's {@code Retry-After}). */
  public static Failure rateLimited(String detail, long retryAfterSeconds) {
    return new Failure(ErrorCode.RATE_LIMITED, detail, List.of(), retryAfterSeconds, null);
  }

  /** {@code SERVICE_UNAVAILABLE} for a moment: busy now, a retry after {@code retryAfterSeconds} may succeed (Retry-After). */
  public static Failure busy(String detail, long retryAfterSeconds) {
    return new Failure(ErrorCode.SERVICE_UNAVAILABLE, detail, List.of(), retryAfterSeconds, null);
  }

  public static Failure invalid(List<FieldError> errors) {
    String detail = errors.size() == 1
      ? errors.get(0).field() + ": " + errors.get(0).message()
      : errors.size() + " fields are invalid";
    return new Failure(ErrorCode.VALIDATION_FAILED, detail, errors);
  }

  public static Failure invalid(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  public ErrorCode errorCode() {
    return errorCode;
  }

  public String detail() {
    return detail;
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** Units still available for a stock failure, null when the failure does not say. */
  public Integer available() {
    return available;
  }

  /** Seconds until a retry may succeed; 0 when the failure does not say. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /**
   * The same failure told in other words (a 5xx's fixed text for clients): keeps the code, the
   * seconds after which a retry may succeed and the units available; drops the field errors.
   */
  public Failure withDetail(String detail) {
    return new Failure(errorCode, detail, List.of(), retryAfterSeconds, available);
  }

  /** Fails a bus message so that {@link #from(Throwable)} on the other side rebuilds this failure. */
  public void replyTo(Message<?> message) {
    message.fail(errorCode.code(), getMessage());
  }

  /**
   * Rebuilds the failure behind any throwable: bus timeouts become {@link ErrorCode#BUS_TIMEOUT},
   * a missing handler {@link ErrorCode#SERVICE_UNAVAILABLE}, a PostgreSQL data exception (SQLSTATE
   * class 22: a NUL in text, a value out of range) {@link ErrorCode#VALIDATION_FAILED}, a database
   * or store that could not take a request for now ({@link SqlStates#isUnavailable}: too many
   * connections, a restart, a refused connection) {@link ErrorCode#SERVICE_UNAVAILABLE} with a retry
   * after 2 s, a connection lost with a statement or command in flight ({@link SqlStates#isConnectionLost}:
   * a crash or restart of the database; {@code PipelinedRedis#connectionLost}: of Redis) that too,
   * its detail saying the outcome is unknown, anything
   * unexpected {@link ErrorCode#INTERNAL}.
   */
  public static Failure from(Throwable t) {
    if (t instanceof Failure f) {
      return f;
    }
    if (t instanceof ReplyException re) {
      return switch (re.failureType()) {
        case TIMEOUT -> of(ErrorCode.BUS_TIMEOUT, "a service did not answer in time");
        case NO_HANDLERS -> of(ErrorCode.SERVICE_UNAVAILABLE, "no service is listening at the moment");
        default -> decode(ErrorCode.ofCode(re.failureCode()), re.getMessage());
      };
    }
    if (SqlStates.isDataException(t)) {
      return of(ErrorCode.VALIDATION_FAILED, "a value cannot be stored: it is out of range or not valid text (SQLSTATE "
        + ((PgException) t).getSqlState() + ")");
    }
    if (SqlStates.isUnavailable(t)) {
      return new Failure(ErrorCode.SERVICE_UNAVAILABLE, "a store the engine needs is busy or unreachable at the moment: try again shortly",
        List.of(), UNAVAILABLE_RETRY_SECONDS, null);
    }
    if (SqlStates.isConnectionLost(t) || io.kinetic.kernel.redis.PipelinedRedis.connectionLost(t)) {
      // not an internal error either (a store that crashed or restarted); this detail is for the
      // log: clients see a 503's generic one
      return new Failure(ErrorCode.SERVICE_UNAVAILABLE, "the connection to a store the engine needs was lost while this "
        + "request was handled, so it may or may not have taken effect", List.of(), UNAVAILABLE_RETRY_SECONDS, null);
    }
    return of(ErrorCode.INTERNAL, "internal error");
  }

  /** The {@code Retry-After} of a request the database could not take for a passing reason. */
  static final long UNAVAILABLE_RETRY_SECONDS = 2;

  private static String encode(String detail, List<FieldError> errors, long retryAfterSeconds, Integer available) {
    var json = new JsonObject().put("detail", detail);
    if (available != null) {
      json.put("available", available);
    }
    if (retryAfterSeconds > 0) {
      json.put("retryAfter", retryAfterSeconds);
    }
    if (!errors.isEmpty()) {
      var array = new JsonArray();
      errors.forEach(e -> array.add(new JsonObject().put("field", e.field()).put("message", e.message())));
      json.put("errors", array);
    }
    return json.encode();
  }

  private static Failure decode(ErrorCode code, String message) {
    if (message == null || !message.startsWith("{")) {
      return of(code, code == ErrorCode.INTERNAL ? "internal error" : String.valueOf(message));
    }
    try {
      var json = new JsonObject(message);
      var errors = new ArrayList<FieldError>();
      var array = json.getJsonArray("errors", new JsonArray());
      for (int i = 0; i < array.size(); i++) {
        var e = array.getJsonObject(i);
        errors.add(new FieldError(e.getString("field"), e.getString("message")));
      }
      return new Failure(code, json.getString("detail", ""), errors, json.getLong("retryAfter", 0L),
        json.getInteger("available"));
    } catch (DecodeException | ClassCastException e) {
      return of(code, message);
    }
  }
}
