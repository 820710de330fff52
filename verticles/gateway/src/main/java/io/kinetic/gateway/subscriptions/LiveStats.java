package io.kinetic.gateway.subscriptions;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the GraphQL WebSocket endpoint holds open on this node, over all gateway instances: the
 * connections per client IP (the {@code graphql.subscriptions.maxConnectionsPerIp} limit is
 * counted here), the operations running over them, and the event-bus consumers of the live
 * streams per address. One per Vert.x instance; shown on {@code /metrics}
 * ({@code kinetic_graphql_ws_connections}, {@code kinetic_graphql_ws_operations},
 * {@code kinetic_graphql_live_streams}, {@code kinetic_graphql_live_consumers{address}}).
 */
public final class LiveStats implements Shareable {

  private static final String SHARED = "kinetic.gateway.live-stats";

  private final Map<String, AtomicInteger> perIp = new ConcurrentHashMap<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger operations = new AtomicInteger();
  private final AtomicInteger streams = new AtomicInteger();
  private final Map<String, AtomicInteger> consumers = new ConcurrentHashMap<>();

  private LiveStats() {
  }

  public static LiveStats of(Vertx vertx) {
    return (LiveStats) vertx.sharedData().getLocalMap(SHARED).computeIfAbsent("stats", k -> new LiveStats());
  }

  /** Takes one of the {@code max} connection slots of {@code ip}; false when all are taken. */
  boolean tryOpen(String ip, int max) {
    boolean[] taken = {false};
    perIp.compute(ip, (key, count) -> {
      AtomicInteger current = count == null ? new AtomicInteger() : count;
      if (current.get() < max) {
        current.incrementAndGet();
        taken[0] = true;
      }
      return current.get() == 0 ? null : current;
    });
    if (taken[0]) {
      connections.incrementAndGet();
    }
    return taken[0];
  }

  /** Gives back a slot {@link #tryOpen} took. */
  void closed(String ip) {
    perIp.computeIfPresent(ip, (key, count) -> count.decrementAndGet() <= 0 ? null : count);
    connections.decrementAndGet();
  }

  void operationStarted() {
    operations.incrementAndGet();
  }

  void operationEnded() {
    operations.decrementAndGet();
  }

  void streamStarted() {
    streams.incrementAndGet();
  }

  void streamEnded() {
    streams.decrementAndGet();
  }

  void consumerOpened(String address) {
    consumers.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
  }

  void consumerClosed(String address) {
    consumers.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
  }

  /** Open WebSocket connections on this node. */
  public int connections() {
    return connections.get();
  }

  /** Open WebSocket connections from {@code ip} on this node. */
  public int connections(String ip) {
    AtomicInteger count = perIp.get(ip);
    return count == null ? 0 : count.get();
  }

  /** Operations (subscriptions, and queries while they run) over this node's connections. */
  public int operations() {
    return operations.get();
  }

  /** Live streams ({@link LiveEvents}) listening on this node: one per running subscription that uses one. */
  public int streams() {
    return streams.get();
  }

  /** Event-bus consumers the live streams of this node hold on {@code address} (one per gateway instance at most). */
  public int consumers(String address) {
    AtomicInteger count = consumers.get(address);
    return count == null ? 0 : count.get();
  }

  /** The gauges in Prometheus text format, for {@code /metrics}. */
  public String prometheus() {
    var out = new StringBuilder();
    out.append("# HELP kinetic_graphql_ws_connections Open GraphQL WebSocket connections on this node.\n")
      .append("# TYPE kinetic_graphql_ws_connections gauge\n")
      .append("kinetic_graphql_ws_connections ").append(connections.get()).append('\n')
      .append("# HELP kinetic_graphql_ws_operations Operations running over this node's GraphQL WebSocket connections.\n")
      .append("# TYPE kinetic_graphql_ws_operations gauge\n")
      .append("kinetic_graphql_ws_operations ").append(operations.get()).append('\n')
      .append("# HELP kinetic_graphql_live_streams Subscriptions listening to event-bus events on this node.\n")
      .append("# TYPE kinetic_graphql_live_streams gauge\n")
      .append("kinetic_graphql_live_streams ").append(streams.get()).append('\n')
      .append("# HELP kinetic_graphql_live_consumers Event-bus consumers held for GraphQL subscriptions, by address.\n")
      .append("# TYPE kinetic_graphql_live_consumers gauge\n");
    new TreeMap<>(consumers).forEach((address, count) -> out.append("kinetic_graphql_live_consumers{address=\"")
      .append(address.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"} ").append(count.get()).append('\n'));
    return out.toString();
  }
}
