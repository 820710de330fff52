package io.kinetic.kernel.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;

/**
 * A Redis client that sends every command over one connection it keeps, pipelined: many commands
 * in flight at once, written and answered back to back. The library's pooled client takes a
 * connection from its pool for each command and gives it back with the answer, so each connection
 * carries one command at a time and Redis reads and writes each command with calls of its own
 * (under the cart's load, about a quarter of Redis's CPU). Here Redis reads the commands that
 * arrived together in one call and writes their answers in one.
 *
 * <p>For commands that stand alone (scripts, single reads and writes), not for ones that hold a
 * connection's state ({@code MULTI}, {@code WATCH}, {@code SUBSCRIBE}, blocking pops): those go to
 * {@link #connect()}, a connection of the pool for the caller alone. A connection that ends or
 * fails is dropped; the commands in flight on it fail as they would on a pooled one, and the next
 * command connects again. Nothing is resent: a script may have run before its answer was lost.
 */
public final class PipelinedRedis implements Redis {

  private final Redis client;
  private Future<RedisConnection> current;
  private boolean closed;

  PipelinedRedis(Redis client) {
    this.client = client;
  }

  @Override
  public Future<Response> send(Request request) {
    return connection().compose(c -> c.send(request));
  }

  @Override
  public Future<List<Response>> batch(List<Request> requests) {
    return connection().compose(c -> c.batch(requests));
  }

  /** A connection of the pool for the caller alone (close it to give it back). */
  @Override
  public Future<RedisConnection> connect() {
    return client.connect();
  }

  @Override
  public Future<Void> close() {
    Future<RedisConnection> kept;
    synchronized (this) {
      closed = true;
      kept = current;
      current = null;
    }
    Future<Void> released = kept == null ? Future.succeededFuture()
      : kept.compose(RedisConnection::close).otherwiseEmpty();
    return released.eventually(client::close);
  }

  private synchronized Future<RedisConnection> connection() {
    if (closed) {
      return Future.failedFuture("the Redis client is closed");
    }
    Future<RedisConnection> kept = current;
    if (kept != null && !kept.failed()) {
      return kept;
    }
    Future<RedisConnection> connecting = client.connect();
    current = connecting;
    connecting.onComplete(ar -> {
      if (ar.failed()) {
        drop(connecting);
        return;
      }
      RedisConnection c = ar.result();
      c.exceptionHandler(t -> {
        if (drop(connecting)) {
          c.close();
        }
      });
      c.endHandler(v -> {
        if (drop(connecting)) {
          c.close();
        }
      });
    });
    return connecting;
  }

  /** Forgets the connection if it is still the current one; true if it was. */
  private synchronized boolean drop(Future<RedisConnection> connection) {
    if (current == connection) {
      current = null;
      return true;
    }
    return false;
  }
}
