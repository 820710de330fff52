package io.kinetic.gateway;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpVersion;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * HTTP/1.x request decoding that refuses a request carrying both {@code Content-Length} and
 * {@code Transfer-Encoding} (RFC 9112 section 6.3 lets a server reject it). Netty would drop the
 * Content-Length and read chunks, while a proxy in front may trust the Content-Length: the two
 * would disagree on where the request ends, and the rest of the body would be served as a second,
 * smuggled request. Here the request fails to decode instead; Vert.x hands it to
 * {@link InvalidRequests} (400, connection closed) and the decoder discards whatever follows.
 * <p>
 * A request line naming another version than HTTP/1.x ({@code GET / HTTP/2.0} sent as text) fails
 * to decode too ({@link UnsupportedVersion}): Vert.x would answer it 501 with no body and no way
 * for the edge to say why; {@link InvalidRequests} answers 505.
 * <p>
 * Vert.x has no option for this, so {@link #installer} swaps its decoder in the connection's Netty
 * pipeline (internal Vert.x API, pinned to 5.0.x; {@code HttpHardeningTest} proves it still works).
 */
final class StrictRequestDecoder extends VertxHttpRequestDecoder {

  static final String MESSAGE = "Content-Length and Transfer-Encoding must not be sent together";
  /** The name Vert.x gives its decoder in the pipeline. */
  private static final String NAME = "httpDecoder";

  private StrictRequestDecoder(HttpServerOptions options) {
    super(options);
  }

  @Override
  protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
    throw new IllegalArgumentException(MESSAGE);
  }

  /**
   * The request's head, unless its version is one Vert.x does not serve (it serves the two constants
   * only). A later HTTP/1 ({@code HTTP/1.2}) is read as HTTP/1.1, as RFC 9110 (2.5) asks, and a
   * version netty read without making it one of its constants ({@code http/1.1}) as that constant.
   */
  @Override
  protected HttpMessage createMessage(String[] initialLine) {
    HttpMessage message = super.createMessage(initialLine);
    HttpVersion version = message.protocolVersion();
    if (version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
      boolean http = "HTTP".equals(version.protocolName());
      if (!http || version.majorVersion() != 1) {
        throw new UnsupportedVersion(http);
      }
      message.setProtocolVersion(version.minorVersion() == 0 ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1);
    }
    return message;
  }

  /**
   * A request line whose version this server does not speak: {@code http} says whether it names
   * HTTP at all ({@code HTTP/2.0}, {@code HTTP/0.9}), rather than another protocol ({@code FOO/1.1}).
   */
  static final class UnsupportedVersion extends IllegalArgumentException {

    private final boolean http;

    UnsupportedVersion(boolean http) {
      super("unsupported protocol version", null);
      this.http = http;
    }

    boolean http() {
      return http;
    }
  }

  /**
   * A connection handler that installs this decoder. It runs while Vert.x sets the connection up,
   * before any byte of a request has been decoded, as long as the server does not offer h2c (with
   * it, Vert.x decodes the first request to look for an upgrade before the connection exists).
   */
  static Handler<HttpConnection> installer(HttpServerOptions options) {
    return connection -> {
      if (!(connection instanceof ConnectionBase base)) {
        return;
      }
      ChannelPipeline pipeline = base.channel().pipeline();
      // HTTP/2 connections have no such decoder, and frame their messages themselves
      if (pipeline.get(NAME) instanceof VertxHttpRequestDecoder current && !(current instanceof StrictRequestDecoder)) {
        pipeline.replace(NAME, NAME, new StrictRequestDecoder(options));
      }
    };
  }
}
