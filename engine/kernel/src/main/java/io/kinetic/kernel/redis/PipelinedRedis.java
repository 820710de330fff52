package io.kinetic.kernel.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.PooledRedisConnection;
import io.vertx.redis.client.impl.types.ErrorType;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * A Redis client that sends every command over one connection it keeps, pipelined: many commands
 * in flight at once, written and answered back to back. The library's pooled client takes a
 * connection from its pool for each command and gives it back with the answer, so each connection
 * carries one command at a time and Redis reads and writes each command with calls of its own
 * (under the cart's load, about a quarter of Redis's CPU). Here Redis reads the commands that
 * arrived together in one call and writes their answers in one.
 *
 * <p>For commands that stand alone (scripts, single reads and writes). Commands that hold a
 * connection's state ({@code MULTI}, {@code WATCH}, {@code SUBSCRIBE}, blocking pops) are refused,
 * as the pooled client refuses some of them: they go to {@link #connect()}, a connection of the pool
 * for the caller alone. Made for one verticle's context (the answers complete on the context that
 * made the connection).
 *
 * <p>The kept connection is dropped, and the next command connects again, when it ends or fails,
 * when a command fails because it closed, when commands wait {@value #STALL_MILLIS} ms without any
 * answer (a connection a middlebox dropped without a word: its commands fail instead of waiting
 * for TCP to give up), and after {@value #IDLE_MILLIS} ms without commands (a quiet client does not
 * write into a socket that died while idle; the pool's own cleaner never sees a connection kept
 * out of it). The commands in flight on a dropped connection fail, as they would on a pooled one.
 * Nothing is resent: a script may have run before its answer was lost.
 */
public final class PipelinedRedis implements Redis {

  static final long STALL_MILLIS = 10_000;
  static final long IDLE_MILLIS = 120_000;
  private static final long CHECK_MILLIS = 1_000;
  private static final Logger LOG = Logger.getLogger(PipelinedRedis.class.getName());
  private static final Set<Command> REFUSED = Set.of(Command.MULTI, Command.EXEC, Command.DISCARD, Command.WATCH,
    Command.UNWATCH, Command.SUBSCRIBE, Command.PSUBSCRIBE, Command.UNSUBSCRIBE, Command.PUNSUBSCRIBE, Command.MONITOR,
    Command.BLPOP, Command.BRPOP, Command.BLMOVE, Command.BRPOPLPUSH, Command.BZPOPMIN, Command.BZPOPMAX, Command.SELECT);

  private final Vertx vertx;
  private final Redis client;
  private final String name;
  private final long timer;
  private final long stallMillis;
  private Kept kept;
  private boolean closed;

  /** The kept connection (being made, or made) and what it carries. */
  private final class Kept {
    final Future<RedisConnection> connection;
    int inFlight;
    long lastProgress = System.nanoTime();

    Kept(Future<RedisConnection> connection) {
      this.connection = connection;
    }

    synchronized void sent() {
      if (inFlight++ == 0) {
        lastProgress = System.nanoTime();
      }
    }

    synchronized void answered() {
      inFlight--;
      lastProgress = System.nanoTime();
    }

    synchronized boolean stalled(long now) {
      return inFlight > 0 && now - lastProgress > stallMillis * 1_000_000;
    }

    synchronized boolean idle(long now) {
      return inFlight == 0 && now - lastProgress > IDLE_MILLIS * 1_000_000;
    }
  }

  PipelinedRedis(Vertx vertx, Redis client, String name) {
    this(vertx, client, name, STALL_MILLIS, CHECK_MILLIS);
  }

  /** With other times than the defaults (tests). */
  PipelinedRedis(Vertx vertx, Redis client, String name, long stallMillis, long checkMillis) {
    this.vertx = vertx;
    this.client = client;
    this.name = name;
    this.stallMillis = stallMillis;
    this.timer = vertx.setPeriodic(checkMillis, id -> check());
  }

  @Override
  public Future<Response> send(Request request) {
    return over(List.of(request), c -> c.send(request));
  }

  @Override
  public Future<List<Response>> batch(List<Request> requests) {
    return over(requests, c -> c.batch(requests));
  }

  /** Sends over the kept connection (made first if need be), counting what is in flight on it. */
  private <T> Future<T> over(List<Request> requests, Function<RedisConnection, Future<T>> sending) {
    for (Request request : requests) {
      if (REFUSED.contains(request.command())) {
        return Future.failedFuture(new IllegalArgumentException(request.command()
          + " holds a connection's state: send it over a connection of its own (connect())"));
      }
    }
    Kept k = kept();
    if (k == null) {
      return Future.failedFuture("the Redis client " + name + " is closed");
    }
    return k.connection.compose(c -> {
      Future<T> answer;
      try {
        answer = sending.apply(c);
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
      k.sent();
      return answer.andThen(ar -> answered(k, ar.cause()));
    });
  }

  /** A connection of the pool for the caller alone (close it to give it back). */
  @Override
  public Future<RedisConnection> connect() {
    return client.connect();
  }

  @Override
  public Future<Void> close() {
    Kept k;
    synchronized (this) {
      closed = true;
      k = kept;
      kept = null;
    }
    vertx.cancelTimer(timer);
    Future<Void> released = k == null ? Future.succeededFuture() : k.connection.compose(RedisConnection::close).otherwiseEmpty();
    return released.eventually(client::close);
  }

  private synchronized Kept kept() {
    if (closed) {
      return null;
    }
    if (kept != null && !kept.connection.failed()) {
      return kept;
    }
    Kept k = new Kept(client.connect());
    kept = k;
    k.connection.onComplete(ar -> {
      if (ar.failed()) {
        drop(k, false, "could not connect: " + ar.cause());
        return;
      }
      RedisConnection c = ar.result();
      c.exceptionHandler(t -> drop(k, true, "failed: " + t));
      c.endHandler(v -> drop(k, true, "was closed"));
    });
    return k;
  }

  private void answered(Kept k, Throwable failure) {
    k.answered();
    if (connectionLost(failure)) {
      drop(k, false, "was closed");
    }
  }

  /**
   * Whether a command failed because its connection ended, not by Redis's answer: the library fails
   * the commands of a connection that ended with {@code CONNECTION_CLOSED}, and those sent to one
   * already closed with "Connection is closed". Whether such a command took effect is unknown.
   */
  public static boolean connectionLost(Throwable failure) {
    return failure instanceof ErrorType error ? error.is("CONNECTION_CLOSED")
      : failure != null && "Connection is closed".equals(failure.getMessage());
  }

  /** Once a second: a connection whose commands get no answer, or long idle, is replaced. */
  private void check() {
    Kept k;
    synchronized (this) {
      k = kept;
    }
    if (k == null || !k.connection.succeeded()) {
      return;
    }
    long now = System.nanoTime();
    if (k.stalled(now)) {
      drop(k, true, "answered nothing for " + stallMillis + " ms: closed, its commands fail");
    } else if (k.idle(now)) {
      drop(k, true, null);
    }
  }

  /**
   * Forgets {@code k} if it is still the kept connection. {@code close}: it may still be open
   * (stalled or idle): its socket is closed, and only once the library saw it end is the lease
   * given back, which then leaves the pool (given back before, the pool would hand the closing
   * connection out again). Otherwise it ended already and goes back to the pool, which drops it.
   */
  private void drop(Kept k, boolean close, String why) {
    synchronized (this) {
      if (kept != k) {
        return;
      }
      kept = null;
    }
    if (why != null) {
      LOG.warning("Redis connection of " + name + " " + why + "; the next command connects again");
    }
    if (!k.connection.succeeded()) {
      return;
    }
    RedisConnection c = k.connection.result();
    if (close && c instanceof PooledRedisConnection pooled) {
      c.endHandler(v -> c.close());
      c.exceptionHandler(t -> c.close());
      pooled.actual().forceClose();
    } else {
      c.close();
    }
  }
}
