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
 * request with both headers (the codec only rejects them together in HTTP/1.1), any
 * {@code Transfer-Encoding} other than plain {@code chunked}, two {@code Host} headers, and a body
 * it cannot read as sent (compressed, or JSON not in UTF-8).
 */
final class InvalidRequests implements Handler<HttpServerRequest> {

  /**
   * {@code next} behind the checks of what the codec lets through: a body length two readers
   * could see differently (request smuggling: {@code Transfer-Encoding} other than plain
   * {@code chunked}, or with {@code Content-Length}), a {@code Host} header sent twice (RFC 9112,
   * 3.2: 400), an expectation this server cannot meet ({@code Expect} other than
   * {@code 100-continue} is 417 {@code EXPECTATION_FAILED}, RFC 9110, 10.1.1), and a body it
   * would misread: one with a {@code Content-Encoding} other than identity (it is not
   * decompressed) or JSON in a charset other than UTF-8, both 415 {@code UNSUPPORTED_MEDIA_TYPE}.
   */
  static Handler<HttpServerRequest> framingChecked(Handler<HttpServerRequest> next) {
    return request -> {
      Failure failure = framing(request);
      if (failure != null) {
        answer(request, failure);
      } else {
        lowerCaseMediaType(request);
        next.handle(request);
      }
    };
  }

  /**
   * A media type is case-insensitive (RFC 9110, 8.3.1: {@code APPLICATION/JSON} is JSON), the
   * routes' matching is not: the type and subtype are put in lower case, the parameters kept.
   */
  private static void lowerCaseMediaType(HttpServerRequest request) {
    String type = request.headers().get(HttpHeaders.CONTENT_TYPE);
    if (type == null) {
      return;
    }
    int semicolon = type.indexOf(';');
    String media = semicolon < 0 ? type : type.substring(0, semicolon);
    String lower = media.toLowerCase(java.util.Locale.ROOT);
    if (!lower.equals(media)) {
      request.headers().set(HttpHeaders.CONTENT_TYPE, lower + (semicolon < 0 ? "" : type.substring(semicolon)));
    }
  }

  private static Failure framing(HttpServerRequest request) {
    String encoding = request.headers().get(HttpHeaders.TRANSFER_ENCODING);
    String expect = request.headers().get(HttpHeaders.EXPECT);
    boolean length = request.headers().contains(HttpHeaders.CONTENT_LENGTH);
    if (encoding != null && length) {
      return ErrorCode.MALFORMED_REQUEST.failure("send Transfer-Encoding or Content-Length, never both");
    }
    if (encoding != null && !"chunked".equalsIgnoreCase(encoding.trim())) {
      return ErrorCode.MALFORMED_REQUEST.failure("Transfer-Encoding must be chunked alone (the only coding this server reads)");
    }
    if (request.headers().getAll(HttpHeaders.HOST).size() > 1) {
      return ErrorCode.MALFORMED_REQUEST.failure("the request has more than one Host header");
    }
    if (expect != null && !"100-continue".equalsIgnoreCase(expect.trim())) {
      return ErrorCode.EXPECTATION_FAILED.failure("the only expectation this server meets is Expect: 100-continue");
    }
    boolean body = encoding != null || length && !"0".equals(request.headers().get(HttpHeaders.CONTENT_LENGTH).trim());
    if (!body) {
      return null;
    }
    for (String coding : request.headers().getAll(HttpHeaders.CONTENT_ENCODING)) {
      for (String one : coding.split(",")) {
        if (!one.isBlank() && !"identity".equalsIgnoreCase(one.trim())) {
          return ErrorCode.UNSUPPORTED_MEDIA_TYPE.failure("Content-Encoding " + ControlCharacters.shown(one.trim())
            + " is not supported: send the body uncompressed");
        }
      }
    }
    String charset = jsonCharset(request.headers().get(HttpHeaders.CONTENT_TYPE));
    if (charset != null && !charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
      return ErrorCode.UNSUPPORTED_MEDIA_TYPE.failure("charset " + ControlCharacters.shown(charset)
        + " is not supported: send JSON as UTF-8");
    }
    return null;
  }

  /** The {@code charset} parameter of a JSON media type ({@code application/json}, {@code ...+json}); null for none or another type. */
  static String jsonCharset(String contentType) {
    if (contentType == null) {
      return null;
    }
    String[] parts = contentType.split(";");
    String type = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
    if (!type.equals("application/json") && !type.endsWith("+json")) {
      return null;
    }
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq > 0 && parts[i].substring(0, eq).trim().equalsIgnoreCase("charset")) {
        String value = parts[i].substring(eq + 1).trim();
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
      }
    }
    return null;
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
