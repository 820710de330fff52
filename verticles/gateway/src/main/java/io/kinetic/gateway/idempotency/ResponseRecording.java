package io.kinetic.gateway.idempotency;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.http.HttpServerRequestInternal;
import io.vertx.core.internal.http.HttpServerRequestWrapper;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Records what a handler answers (status, headers, body), whoever writes it: an edge's handler,
 * the problem handler or the GraphQL handler. Only requests that may need it are wrapped, before
 * the router sees them ({@link #wrapping}): writes (not GET, HEAD or OPTIONS) that carry an
 * {@code Idempotency-Key}; every other request reaches the router untouched. The request is
 * wrapped the way vert.x-web wraps it itself ({@link HttpServerRequestWrapper}), and its response
 * is a proxy that passes every call on and keeps a copy of what is written. The copy is handed on
 * only once the idempotency handler has {@linkplain Recording#arm armed} the recording for an
 * attempt that holds the key.
 */
final class ResponseRecording {

  /** Response headers that belong to one exchange, never replayed. */
  private static final Set<String> NOT_REPLAYED = Set.of("content-length", "transfer-encoding", "connection", "keep-alive",
    "date", "x-correlation-id", "x-content-type-options", IdempotencyKeys.REPLAYED.toLowerCase(Locale.ROOT));

  private ResponseRecording() {
  }

  /** {@code next} behind the wrapper of requests that carry a key. */
  static Handler<HttpServerRequest> wrapping(Handler<HttpServerRequest> next) {
    return request -> {
      HttpMethod method = request.method();
      if (!IdempotencyKeys.writes(method) || !request.headers().contains(IdempotencyKeys.HEADER)
        || !(request instanceof HttpServerRequestInternal internal)) {
        next.handle(request);
      } else {
        next.handle(new RecordingRequest(internal));
      }
    };
  }

  /** The recording of the request {@code response} answers, null when it is not recorded. */
  static Recording of(HttpServerResponse response) {
    return Proxy.isProxyClass(response.getClass()) && Proxy.getInvocationHandler(response) instanceof Recording recording
      ? recording : null;
  }

  /** What the handler answered: {@code complete} when the whole body went through {@code write}/{@code end}. */
  record Captured(int status, List<String[]> headers, Buffer body, boolean complete) {
  }

  private static final class RecordingRequest extends HttpServerRequestWrapper {

    private final HttpServerResponse response;

    RecordingRequest(HttpServerRequestInternal delegate) {
      super(delegate);
      HttpServerResponse original = delegate.response();
      this.response = (HttpServerResponse) Proxy.newProxyInstance(ResponseRecording.class.getClassLoader(),
        new Class<?>[] {HttpServerResponse.class}, new Recording(original));
    }

    @Override
    public HttpServerResponse response() {
      return response;
    }
  }

  /** The proxy's handler: passes each call on to the real response, copying the body as it goes. */
  static final class Recording implements InvocationHandler {

    private final HttpServerResponse delegate;
    private Buffer body;
    /** A body written some other way (a file, a stream): it cannot be replayed. */
    private boolean partial;
    private boolean done;
    private Consumer<Captured> onEnd;

    Recording(HttpServerResponse delegate) {
      this.delegate = delegate;
    }

    /** {@code onEnd} gets the answer once the handler ends the response (or resets it: then incomplete). */
    void arm(Consumer<Captured> onEnd) {
      this.onEnd = onEnd;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      boolean ends = false;
      switch (method.getName()) {
        case "write" -> append(args);
        case "end", "send" -> {
          if (args != null && args.length == 1 && !(args[0] instanceof Buffer) && !(args[0] instanceof String)) {
            partial = true; // send(ReadStream)
          } else {
            append(args);
          }
          ends = true;
        }
        case "sendFile", "writeCustomFrame" -> {
          partial = true;
          ends = method.getName().equals("sendFile");
        }
        case "reset" -> {
          partial = true;
          ends = true;
        }
        default -> {
        }
      }
      Captured captured = ends ? capture() : null;
      Object result;
      try {
        result = method.invoke(delegate, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      } finally {
        if (captured != null) {
          finish(captured);
        }
      }
      return result == delegate ? proxy : result;
    }

    private void append(Object[] args) {
      if (args == null || args.length == 0) {
        return;
      }
      Buffer chunk;
      if (args[0] instanceof Buffer buffer) {
        chunk = buffer;
      } else if (args[0] instanceof String text) {
        chunk = args.length > 1 && args[1] instanceof String encoding ? Buffer.buffer(text, encoding) : Buffer.buffer(text);
      } else {
        partial = true;
        return;
      }
      if (body == null) {
        body = Buffer.buffer(chunk.length());
      }
      body.appendBuffer(chunk);
    }

    private Captured capture() {
      if (done || onEnd == null) {
        return null;
      }
      MultiMap headers = delegate.headers();
      var kept = new ArrayList<String[]>(headers.size());
      headers.forEach(header -> {
        if (!NOT_REPLAYED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
          kept.add(new String[] {header.getKey(), header.getValue()});
        }
      });
      return new Captured(delegate.getStatusCode(), kept, body == null ? Buffer.buffer() : body, !partial);
    }

    private void finish(Captured captured) {
      done = true;
      Consumer<Captured> callback = onEnd;
      onEnd = null;
      callback.accept(captured);
    }
  }
}
