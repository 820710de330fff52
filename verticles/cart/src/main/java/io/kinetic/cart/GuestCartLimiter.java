package io.kinetic.cart;

import io.kinetic.cart.CartScripts.Script;
import io.kinetic.kernel.error.Failure;
import io.vertx.core.Future;
import java.util.List;

/**
 * New guest carts per client address ({@code cart:new-ip:<ip>}): at most {@code
 * cart.newGuestCartsPerMinute} in a one-minute window from the first one, counted in Redis (shared
 * by every node). A guest cart needs no account and holds stock reserved, so without a limit one
 * client could open carts until it held all of a variant's stock. Over the limit a new cart fails
 * {@code RATE_LIMITED} with the seconds left in the window; carts the caller already has, customers'
 * carts and internal callers (no address) are not counted.
 */
final class GuestCartLimiter {

  static final String IP_KEY = "cart:new-ip:";
  private static final String WINDOW_SECONDS = "60";

  private final CartScripts scripts;
  private final int perMinute;

  GuestCartLimiter(CartScripts scripts, int perMinute) {
    this.scripts = scripts;
    this.perMinute = perMinute;
  }

  Future<Void> acquire(String clientIp) {
    if (clientIp == null || clientIp.isBlank()) {
      return Future.succeededFuture();
    }
    return scripts.run(Script.LIMIT, List.of(IP_KEY + clientIp.strip(), WINDOW_SECONDS))
      .compose(reply -> reply.get(0).toLong() > perMinute
        ? Future.failedFuture(Failure.rateLimited("too many new carts from this address, try again later", reply.get(1).toLong()))
        : Future.succeededFuture());
  }
}
