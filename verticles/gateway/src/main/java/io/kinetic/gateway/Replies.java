package io.kinetic.gateway;

import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.error.FieldError;
import io.kinetic.kernel.json.Json;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/** Writes bus replies as JSON: each reply record is serialized once, straight into the response buffer. */
public final class Replies {

  public static final CharSequence JSON = HttpHeaders.createOptimized("application/json");

  private Replies() {
  }

  /**
   * Completes {@code rc} with a bus reply: {@code write} on success, the problem handler on
   * failure, and also when {@code write} throws (a reply that cannot be encoded): a throw inside an
   * {@code onSuccess} callback would otherwise leave the request without any response.
   */
  public static <T> Handler<AsyncResult<T>> to(RoutingContext rc, BiConsumer<RoutingContext, T> write) {
    return reply -> {
      if (reply.failed()) {
        rc.fail(reply.cause());
        return;
      }
      try {
        write.accept(rc, reply.result());
      } catch (RuntimeException e) {
        rc.fail(e);
      }
    };
  }

  public static void json(RoutingContext rc, int status, Object body) {
    rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(Json.encode(body));
  }

  public static void ok(RoutingContext rc, Object body) {
    json(rc, 200, body);
  }

  public static void created(RoutingContext rc, Object body) {
    json(rc, 201, body);
  }

  public static void noContent(RoutingContext rc) {
    rc.response().setStatusCode(204).end();
  }

  /**
   * {@code reply}, with the fields of its VALIDATION_FAILED failure renamed: a context names its
   * message's fields, an API may call them otherwise (GraphQL's {@code first} is the context's
   * {@code limit}, REST's {@code q} its {@code query}); any other outcome as it is.
   */
  public static <T> Future<T> named(Future<T> reply, UnaryOperator<String> rename) {
    return reply.recover(t -> {
      Failure failure = Failure.from(t);
      if (failure.errorCode() != ErrorCode.VALIDATION_FAILED || failure.errors().isEmpty()) {
        return Future.failedFuture(t);
      }
      return Future.failedFuture(Failure.invalid(failure.errors().stream()
        .map(error -> new FieldError(rename.apply(error.field()), error.message())).toList()));
    });
  }
}
