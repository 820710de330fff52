package io.kinetic.gateway;

import io.kinetic.gateway.idempotency.IdempotencyKeys;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.json.Json;
import io.kinetic.kernel.log.Logs;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where a failure becomes a response: {@code application/problem+json} built from
 * {@link Failure#from(Throwable)} (or from the status vert.x-web failed with), never a stack trace
 * or an HTML page. A 429 carries {@code Retry-After}: when the limit that refused the request
 * lets the client in again, as the failure reports it (a minute when it does not say). 5xx answers are logged here, once, with the correlation id.
 */
final class ProblemHandler implements Handler<RoutingContext> {

  private static final Logger LOG = Logger.getLogger(ProblemHandler.class.getName());
  static final CharSequence PROBLEM_JSON = HttpHeaders.createOptimized("application/problem+json");
  private static final CharSequence WWW_AUTHENTICATE = HttpHeaders.createOptimized("WWW-Authenticate");
  private static final CharSequence BEARER = HttpHeaders.createOptimized("Bearer realm=\"kinetic\"");
  /** For a RATE_LIMITED failure that does not say when to come back. */
  static final long DEFAULT_RETRY_AFTER_SECONDS = 60;

  @Override
  public void handle(RoutingContext rc) {
    if (clientGone(rc.failure())) {
      // the client hung up before its request arrived whole: no one to answer, and no server error
      LOG.fine(() -> rc.request().method() + " " + rc.request().path() + ": the client closed the connection");
      // ended all the same, as a reset: an idempotency key the request took is freed, not left pending
      if (!rc.response().ended()) {
        rc.response().reset();
      }
      return;
    }
    // the HTTP codec refused the body while it was arriving (a chunk size that is not hexadecimal):
    // the client's fault, and the codec closes the connection (not a failure of the engine's own
    // HTTP clients, whose decoder is the same class: a request read whole before its handler ran)
    if (!rc.request().isEnded() && InvalidRequests.malformedBody(rc.failure())) {
      LOG.fine(() -> rc.request().method() + " " + rc.request().path() + ": the request is not valid HTTP");
      respond(rc, ErrorCode.MALFORMED_REQUEST.failure("the request is not valid HTTP"));
      return;
    }
    respond(rc, failureOf(rc.failure(), rc.statusCode()));
  }

  /**
   * Whether {@code t} is the connection closing under a request that was still being read, or (HTTP/2)
   * its stream reset: the client went away.
   */
  static boolean clientGone(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof io.vertx.core.http.HttpClosedException || c instanceof io.vertx.core.http.StreamResetException) {
        return true;
      }
    }
    return false;
  }

  /** For {@code router.errorHandler(status, ...)}: no route (404), a path the router could not decode (400). */
  static Handler<RoutingContext> forStatus(ErrorCode code, String detail) {
    return rc -> respond(rc, code.failure(detail));
  }

  /**
   * For {@code router.errorHandler(405, ...)}: a route has the request's path but not its method. The
   * answer's {@code Allow} names the methods the path takes (RFC 9110, 15.5.6; {@link AllowedMethods}).
   */
  static Handler<RoutingContext> methodNotAllowed() {
    AllowedMethods.check();
    return rc -> {
      if (!rc.response().headWritten()) {
        rc.response().putHeader(HttpHeaders.ALLOW, AllowedMethods.of(rc));
      }
      respond(rc, ErrorCode.METHOD_NOT_ALLOWED.failure("method not allowed on this resource"));
    };
  }

  static Failure failureOf(Throwable t, int status) {
    if (t instanceof HttpException http) {
      if (http.getCause() instanceof ValidatorException ve) {
        return ValidationFailures.from(ve);
      }
      status = http.getStatusCode();
      t = http.getCause();
    }
    if (t instanceof ValidatorException ve) {
      return ValidationFailures.from(ve);
    }
    if (t instanceof Failure || t instanceof ReplyException) {
      return Failure.from(t);
    }
    if (t instanceof DecodeException) {
      return ErrorCode.MALFORMED_JSON.failure("the request body is not valid JSON");
    }
    return switch (status) {
      case 400 -> ErrorCode.VALIDATION_FAILED.failure("the request is invalid");
      case 401 -> ErrorCode.UNAUTHENTICATED.failure("a valid bearer token is required");
      case 403 -> ErrorCode.FORBIDDEN.failure("not allowed");
      case 404 -> ErrorCode.NOT_FOUND.failure("no such resource");
      case 405 -> ErrorCode.METHOD_NOT_ALLOWED.failure("method not allowed on this resource");
      case 413 -> ErrorCode.PAYLOAD_TOO_LARGE.failure("the request body is too large");
      case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE.failure("send the body as application/json");
      default -> unexpected(t);
    };
  }

  static void respond(RoutingContext rc, Failure failure) {
    var response = rc.response();
    String cid = Requests.correlationId(rc);
    if (cid == null && !response.headWritten()) {
      // failed before the correlation handler ran (a request target that is no path: OPTIONS *)
      cid = CorrelationHandler.adopt(rc);
    }
    int status = failure.errorCode().httpStatus();
    if (status >= 500) {
      log(cid, rc, failure, rc.failure());
    }
    if (response.headWritten()) {
      if (!response.closed()) {
        response.reset();
      }
      return;
    }
    // an answer for the moment is not kept for the request's idempotency key
    IdempotencyKeys.failed(rc, failure);
    response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON);
    if (failure.errorCode() == ErrorCode.UNAUTHENTICATED) {
      response.putHeader(WWW_AUTHENTICATE, BEARER);
    }
    if (failure.errorCode() == ErrorCode.RATE_LIMITED) {
      long seconds = failure.retryAfterSeconds() > 0 ? failure.retryAfterSeconds() : DEFAULT_RETRY_AFTER_SECONDS;
      response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    } else if (failure.retryAfterSeconds() > 0) {
      // a 503 of a database that could not take the request for now
      response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(failure.retryAfterSeconds()));
    }
    if (cid != null) {
      response.putHeader(CorrelationHandler.HEADER, cid);
    }
    response.end(Json.encode(Problem.of(ClientFailures.shown(failure), cid)));
  }

  private static Failure unexpected(Throwable t) {
    return t == null ? ErrorCode.INTERNAL.failure("internal error") : Failure.from(t);
  }

  private static void log(String cid, RoutingContext rc, Failure failure, Throwable cause) {
    String what = rc.request().method() + " " + rc.request().path() + " -> " + failure.errorCode() + ": " + failure.detail();
    if (failure.errorCode() == ErrorCode.INTERNAL && cause != null && !(cause instanceof ReplyException)) {
      LOG.log(Level.SEVERE, Logs.withCorrelation(cid, what), cause);
    } else {
      LOG.warning(Logs.withCorrelation(cid, what));
    }
  }
}
