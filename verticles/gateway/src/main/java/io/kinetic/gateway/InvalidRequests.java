package io.kinetic.gateway;

import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.json.Json;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * The answer to a request the HTTP codec could not decode, before any router sees it: a request
 * line longer than {@code maxInitialLineLength} (414 {@code URI_TOO_LONG}), headers larger than
 * {@code maxHeaderSize} (431 {@code HEADERS_TOO_LARGE}), a version of HTTP other than 1.x
 * (505 {@code HTTP_VERSION_NOT_SUPPORTED}: {@code GET / HTTP/2.0} as text), anything else, such as
 * Content-Length with Transfer-Encoding ({@link StrictRequestDecoder}), 400 {@code MALFORMED_REQUEST}. Like every
 * error it is {@code application/problem+json} with a correlation id; then the connection closes,
 * since where the next request would start is unknown.
 * <p>
 * {@link #framingChecked} does the same for what the codec lets through: an HTTP/1.0
 * request with both headers (the codec only rejects them together in HTTP/1.1), and any
 * {@code Transfer-Encoding} other than plain {@code chunked}.
 */
final class InvalidRequests implements Handler<HttpServerRequest> {

  /**
   * {@code next} behind the check for a body length two readers could see differently (request
   * smuggling), and for an
   * expectation this server cannot meet: {@code Expect} other than {@code 100-continue} is 417
   * {@code EXPECTATION_FAILED} (RFC 9110, 10.1.1).
   */
  static Handler<HttpServerRequest> framingChecked(Handler<HttpServerRequest> next) {
    return request -> {
      String encoding = request.headers().get(HttpHeaders.TRANSFER_ENCODING);
      String expect = request.headers().get(HttpHeaders.EXPECT);
      if (encoding != null && (request.headers().contains(HttpHeaders.CONTENT_LENGTH)
        || !"chunked".equalsIgnoreCase(encoding.trim()))) {
        answer(request, ErrorCode.MALFORMED_REQUEST.failure(
          "Transfer-Encoding must be chunked alone, never with Content-Length"));
      } else if (expect != null && !"100-continue".equalsIgnoreCase(expect.trim())) {
        answer(request, ErrorCode.EXPECTATION_FAILED.failure("the only expectation this server meets is Expect: 100-continue"));
      } else {
        next.handle(request);
      }
    };
  }

  /**
   * Whether {@code t} is the HTTP codec's refusal of what arrived after the request's head (a chunk
   * size that is not hexadecimal, say): the client sent no valid HTTP, which is no server error.
   */
  static boolean malformedBody(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      for (StackTraceElement frame : c.getStackTrace()) {
        if (frame.getClassName().startsWith("io.netty.handler.codec.http.HttpObjectDecoder")) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public void handle(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    Failure failure;
    if (cause instanceof TooLongHttpLineException) {
      failure = ErrorCode.URI_TOO_LONG.failure("the request line is too long");
    } else if (cause instanceof TooLongHttpHeaderException) {
      failure = ErrorCode.HEADERS_TOO_LARGE.failure("the request headers are too large");
    } else if (cause instanceof StrictRequestDecoder.UnsupportedVersion version && version.http()) {
      failure = ErrorCode.HTTP_VERSION_NOT_SUPPORTED.failure("this server speaks HTTP/1.1 and HTTP/1.0 only");
    } else if (cause != null && StrictRequestDecoder.MESSAGE.equals(cause.getMessage())) {
      failure = ErrorCode.MALFORMED_REQUEST.failure(StrictRequestDecoder.MESSAGE);
    } else {
      failure = ErrorCode.MALFORMED_REQUEST.failure("the request is not valid HTTP");
    }
    answer(request, failure);
  }

  private static void answer(HttpServerRequest request, Failure failure) {
    String given = request.headers().get(CorrelationHandler.HEADER);
    String cid = CorrelationHandler.sane(given) ? given : CorrelationHandler.newId();
    request.response()
      .setStatusCode(failure.errorCode().httpStatus())
      .putHeader(HttpHeaders.CONTENT_TYPE, ProblemHandler.PROBLEM_JSON)
      .putHeader(CorrelationHandler.HEADER, cid)
      .putHeader(SecurityHeaders.NOSNIFF_NAME, SecurityHeaders.NOSNIFF)
      .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
      .end(Json.encode(Problem.of(failure, cid)))
      .onComplete(done -> request.connection().close());
  }
}
