package io.kinetic.kernel.bus;

/**
 * A request-reply address with the one request type it takes and the one reply type it answers
 * with. Declared once as a constant in its context's contract, used by callers
 * ({@link BusClient#request(Endpoint, Object, Caller)}) and by the serving context
 * ({@link BusServer#serve}); the types also tell the engine which codecs to register.
 *
 * <p>{@code local}: the context runs on every node, so a request stays on the caller's node
 * (no hop to another node and back, no wait on a dead node); false for work that must happen
 * wherever its one handler runs.
 *
 * <p>{@code timeoutMillis}: how long a caller waits for the reply; 0 (the usual) is the engine's bus
 * timeout. Only work that takes seconds by nature and queues (an image's decoding) waits longer.
 */
public record Endpoint<Q, R>(String address, Class<Q> request, Class<R> reply, boolean local, long timeoutMillis) {

  /** What an address looks like: {@code <context>.<name>[.<name>...]} (compiled once: log endpoints are made per read). */
  private static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_-]*)+");

  public Endpoint {
    if (address == null || !ADDRESS.matcher(address).matches()) {
      throw new IllegalArgumentException("bad address " + address);
    }
    if (timeoutMillis < 0) {
      throw new IllegalArgumentException("timeout " + timeoutMillis + " of " + address);
    }
  }

  /** An endpoint answered within the engine's bus timeout. */
  public Endpoint(String address, Class<Q> request, Class<R> reply, boolean local) {
    this(address, request, reply, local, 0);
  }

  /** This endpoint with callers waiting up to {@code millis} for its reply (instead of the bus timeout). */
  public Endpoint<Q, R> withTimeout(long millis) {
    return new Endpoint<>(address, request, reply, local, millis);
  }

  /** An endpoint of a context deployed on every node: requests stay on the caller's node. */
  public static <Q, R> Endpoint<Q, R> local(String address, Class<Q> request, Class<R> reply) {
    return new Endpoint<>(address, request, reply, true);
  }

  /** An endpoint whose handler may run on any node. */
  public static <Q, R> Endpoint<Q, R> anyNode(String address, Class<Q> request, Class<R> reply) {
    return new Endpoint<>(address, request, reply, false);
  }

  /** The reply, checked against the declared type (a mismatch is a programming error, not a client's). */
  public R cast(Object body) {
    return reply.cast(body);
  }
}
