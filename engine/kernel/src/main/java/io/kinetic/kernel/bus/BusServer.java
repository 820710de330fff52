package io.kinetic.kernel.bus;

import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.log.Logs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The serving side of an {@link Endpoint}: the handler's future becomes the reply. A failure is
 * replied as its {@link Failure} (its code survives the bus and the cluster); anything unexpected
 * is logged here once, with the correlation id, and replied as INTERNAL. A message without a body
 * or of the wrong type is a VALIDATION_FAILED. Consumers registered from a verticle are
 * unregistered when it is undeployed.
 */
public final class BusServer {

  private static final Logger LOG = Logger.getLogger(BusServer.class.getName());

  private BusServer() {
  }

  public static <Q, R> MessageConsumer<Object> serve(Vertx vertx, Endpoint<Q, R> endpoint,
                                                     BiFunction<Q, Caller, Future<R>> handler) {
    String address = endpoint.address();
    return vertx.eventBus().consumer(address, message -> {
      Caller caller = Caller.from(message.headers());
      Future<R> result;
      try {
        Object body = message.body();
        result = endpoint.request().isInstance(body)
          ? handler.apply(endpoint.request().cast(body), caller)
          : Future.failedFuture(ErrorCode.VALIDATION_FAILED.failure(body == null ? "the message has no body"
            : "expected a " + endpoint.request().getSimpleName()));
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      result.onComplete(ar -> {
        if (ar.succeeded()) {
          message.reply(ar.result());
        } else {
          fail(message, address, caller, ar.cause());
        }
      });
    });
  }

  private static void fail(Message<?> message, String address, Caller caller, Throwable cause) {
    Failure failure = Failure.from(cause);
    if (failure.errorCode() == ErrorCode.INTERNAL) {
      LOG.log(Level.SEVERE, Logs.withCorrelation(caller.correlationId(), address + " failed"), cause);
    } else if (failure.errorCode() == ErrorCode.SERVICE_UNAVAILABLE && !(cause instanceof io.vertx.core.eventbus.ReplyException)) {
      // the database could not take it (too many connections, a restart): the caller may retry
      LOG.log(Level.WARNING, Logs.withCorrelation(caller.correlationId(), address + " unavailable: " + cause));
    }
    failure.replyTo(message);
  }
}
