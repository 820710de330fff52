package io.kinetic.gateway;

import io.kinetic.kernel.bus.Endpoint;
import io.kinetic.kernel.bus.Headers;
import io.kinetic.kernel.error.Failure;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Stand-in services on the event bus: one consumer per address answering with whatever the test
 * set last ({@link #on}), a {@link Failure}, or nothing at all ({@link #silent}); every message and
 * its correlation id is recorded.
 */
public final class FakeBus {

  /** A request as the fake service saw it. */
  public record Received(Object body, String correlationId) {
  }

  private static final Object SILENT = new Object();
  private final Vertx vertx;
  private final Map<String, Function<Object, Object>> answers = new ConcurrentHashMap<>();
  private final Map<String, List<Received>> received = new ConcurrentHashMap<>();

  FakeBus(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Answers requests to {@code address} with {@code answer(body)}: a record, or a Failure to fail with. */
  @SuppressWarnings("unchecked")
  public <T> FakeBus on(String address, Function<T, Object> answer) {
    boolean first = answers.put(address, (Function<Object, Object>) answer) == null;
    if (first) {
      var consumer = vertx.eventBus().consumer(address, (Message<Object> msg) -> handle(address, msg));
      try {
        consumer.completion().await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return this;
  }

  /** Answers requests to {@code endpoint} (see {@link #on(String, Function)}). */
  public <T> FakeBus on(Endpoint<?, ?> endpoint, Function<T, Object> answer) {
    return on(endpoint.address(), answer);
  }

  public FakeBus silent(Endpoint<?, ?> endpoint) {
    return silent(endpoint.address());
  }

  public List<Received> received(Endpoint<?, ?> endpoint) {
    return received(endpoint.address());
  }

  public int count(Endpoint<?, ?> endpoint) {
    return count(endpoint.address());
  }

  public Received last(Endpoint<?, ?> endpoint) {
    return last(endpoint.address());
  }

  public <T> T lastBody(Endpoint<?, ?> endpoint) {
    return lastBody(endpoint.address());
  }

  /** Receives requests to {@code address} and never answers: the caller times out. */
  public FakeBus silent(String address) {
    return on(address, body -> SILENT);
  }

  public List<Received> received(String address) {
    List<Received> list = received.getOrDefault(address, List.of());
    synchronized (list) {
      return List.copyOf(list);
    }
  }

  public int count(String address) {
    return received(address).size();
  }

  public Received last(String address) {
    List<Received> list = received(address);
    if (list.isEmpty()) {
      throw new AssertionError("nothing was sent to " + address);
    }
    return list.get(list.size() - 1);
  }

  @SuppressWarnings("unchecked")
  public <T> T lastBody(String address) {
    return (T) last(address).body();
  }

  public void clear() {
    received.clear();
  }

  private void handle(String address, Message<Object> msg) {
    received.computeIfAbsent(address, a -> Collections.synchronizedList(new ArrayList<>()))
      .add(new Received(msg.body(), msg.headers().get(Headers.CORRELATION_ID)));
    Object answer;
    try {
      answer = answers.get(address).apply(msg.body());
    } catch (Failure f) {
      answer = f;
    }
    if (answer == SILENT) {
      return;
    }
    if (answer instanceof Failure failure) {
      failure.replyTo(msg);
    } else {
      msg.reply(answer);
    }
  }
}
