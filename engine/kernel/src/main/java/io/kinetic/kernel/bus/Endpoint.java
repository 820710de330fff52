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
 */
public record Endpoint<Q, R>(String address, Class<Q> request, Class<R> reply, boolean local) {

  /** What an address looks like: {@code <context>.<name>[.<name>...]} (compiled once: log endpoints are made per read). */
  private static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_-]*)+");

  public Endpoint {
    if (address == null || !ADDRESS.matcher(address).matches()) {
      throw new IllegalArgumentException("bad address " + address);
    }
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
