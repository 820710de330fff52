package io.kinetic.gateway;

import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.net.IpRange;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The client's IP address, for per-client rate limits. The TCP peer is the client, unless the peer
 * is one of {@code http.trustedProxies}: then the proxy chain in {@code http.clientIpHeader}
 * ({@code X-Forwarded-For}, or RFC 7239 {@code Forwarded}; only that one header is read, since a
 * proxy passes the other one through from the client untouched) is walked from the right, skipping
 * trusted proxies, and the first address that is not one is the client. Everything left of it was
 * written by the client and is ignored. When the hop a trusted proxy recorded is not an IP literal
 * ({@code unknown}, an obfuscated name), that proxy is taken as the client. The answer is a
 * canonical IP literal ({@code 2001:db8::1}), or {@code "unknown"} without a peer address.
 */
public final class ClientAddress {

  static final String UNKNOWN = "unknown";
  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(ClientAddress.class.getName());
  /** Whether the engine said once that requests come through a proxy it does not trust (a shop behind a load balancer not configured). */
  private static final java.util.concurrent.atomic.AtomicBoolean WARNED = new java.util.concurrent.atomic.AtomicBoolean();
  private static final String KEY = "kinetic.clientIp";

  private final List<IpRange> trusted;
  private final boolean forwarded;
  private final String header;

  public ClientAddress(AppConfig.Http http) {
    this.trusted = http.trustedProxies();
    this.forwarded = AppConfig.Http.FORWARDED.equals(http.clientIpHeader());
    this.header = http.clientIpHeader();
  }

  /** The client address of {@code rc}, worked out once per request. */
  public String of(RoutingContext rc) {
    String known = rc.get(KEY);
    if (known == null) {
      known = of(rc.request());
      rc.put(KEY, known);
    }
    return known;
  }

  String of(HttpServerRequest request) {
    SocketAddress remote = request.remoteAddress();
    String peer = remote == null ? null : IpRange.normalize(remote.hostAddress()).orElse(null);
    if (peer == null) {
      return UNKNOWN;
    }
    if (trusted.isEmpty()) {
      if (!WARNED.get() && request.headers().contains(header) && WARNED.compareAndSet(false, true)) {
        LOG.warning("requests arrive through a proxy (they carry " + header + ") but http.trustedProxies is empty: the per-client"
          + " limits (logins, new guest carts) count every client behind " + peer + " as one; set COMMERCE_HTTP_TRUSTED_PROXIES"
          + " to the proxies' addresses");
      }
      return peer;
    }
    if (!isTrusted(peer)) {
      return peer;
    }
    List<String> hops = hops(request.headers().getAll(header));
    String nearest = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = IpRange.normalize(hops.get(i)).orElse(null);
      if (hop == null) {
        return nearest;
      }
      if (!isTrusted(hop)) {
        return hop;
      }
      nearest = hop;
    }
    return nearest;
  }

  private boolean isTrusted(String ip) {
    for (IpRange range : trusted) {
      if (range.contains(ip)) {
        return true;
      }
    }
    return false;
  }

  /** The addresses of the header lines in order, each stripped of quotes, brackets and port. */
  private List<String> hops(List<String> lines) {
    var out = new ArrayList<String>();
    for (String line : lines) {
      for (String element : line.split(",")) {
        String node = forwarded ? forParameter(element) : element.strip();
        out.add(node == null ? "" : host(node));
      }
    }
    return out;
  }

  /** The {@code for} value of one {@code Forwarded} element ({@code for=192.0.2.1;proto=https}), null without one. */
  private static String forParameter(String element) {
    for (String pair : element.split(";")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("for")) {
        String value = pair.substring(eq + 1).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        return value;
      }
    }
    return null;
  }

  /** {@code [2001:db8::1]:443} → {@code 2001:db8::1}; {@code 192.0.2.1:8080} → {@code 192.0.2.1}; a bare IPv6 stays. */
  private static String host(String node) {
    if (node.startsWith("[")) {
      int end = node.indexOf(']');
      return end < 0 ? "" : node.substring(1, end);
    }
    int colon = node.indexOf(':');
    return colon >= 0 && colon == node.lastIndexOf(':') ? node.substring(0, colon) : node;
  }
}
