package io.kinetic.cart;

import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.redis.WindowCounter;
import io.vertx.core.Future;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * New guest carts per client address ({@code cart:new-ip:<ip>}, an IPv6 address's /64): at most {@code
 * cart.newGuestCartsPerMinute} in a one-minute window from the first one, counted in Redis (shared
 * by every node, the kernel's {@link WindowCounter}). A guest cart needs no account and holds stock reserved, so without a limit one
 * client could open carts until it held all of a variant's stock. Over the limit a new cart fails
 * {@code RATE_LIMITED} with the seconds left in the window; carts the caller already has, customers'
 * carts and internal callers (no address) are not counted.
 */
final class GuestCartLimiter {

  static final String IP_KEY = "cart:new-ip:";
  private static final long WINDOW_SECONDS = 60;

  private final WindowCounter counter;
  private final int perMinute;

  GuestCartLimiter(WindowCounter counter, int perMinute) {
    this.counter = counter;
    this.perMinute = perMinute;
  }

  /**
   * What one client is counted by: an IPv4 address, or an IPv6 address's /64 (one subscriber's
   * network: a client holding a /64 could otherwise take a new address for every cart).
   */
  static String bucket(String ip) {
    if (ip.indexOf(':') < 0) {
      return ip;
    }
    try {
      byte[] bytes = InetAddress.getByName(ip).getAddress(); // an IP literal: no name is looked up
      if (bytes.length != 16) {
        return ip;
      }
      return HexFormat.of().formatHex(bytes, 0, 8) + "/64";
    } catch (UnknownHostException e) {
      return ip;
    }
  }

  Future<Void> acquire(String clientIp) {
    if (clientIp == null || clientIp.isBlank()) {
      return Future.succeededFuture();
    }
    return counter.increment(IP_KEY + bucket(clientIp.strip()), WINDOW_SECONDS)
      .compose(count -> count.value() > perMinute
        ? Future.failedFuture(Failure.rateLimited("too many new carts from this address, try again later", count.secondsLeft()))
        : Future.succeededFuture());
  }
}
