package io.kinetic.gateway.checkout;

import io.kinetic.gateway.Principal;
import io.kinetic.kernel.contract.cart.CartRef;
import io.kinetic.kernel.contract.checkout.OrderAccess;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.error.ErrorCode;
import io.vertx.core.Future;
import java.util.UUID;

/**
 * Whose cart a checkout uses and who asks for an order, from a request's credentials only, alike
 * for REST and GraphQL: the customer of a verified access token, else the guest's token (the cart
 * edge's {@code X-Cart-Token}; an order's access token).
 */
final class CheckoutCallers {

  private CheckoutCallers() {
  }

  /** The caller's cart: the customer's, else the guest token's; staff tokens are refused. */
  static Future<CartRef> cart(Principal principal, String cartToken) {
    if (principal != null) {
      return principal.realm() == Realm.CUSTOMER ? Future.succeededFuture(CartRef.customer(principal.id()))
        : Future.failedFuture(ErrorCode.FORBIDDEN.failure("staff do not check out with their account"));
    }
    return cartToken == null || cartToken.isBlank()
      ? Future.failedFuture(ErrorCode.CART_NOT_FOUND.failure("no cart: add something to a cart first"))
      : Future.succeededFuture(CartRef.guest(cartToken.strip()));
  }

  /**
   * Who asks for an order: its customer (access token) and/or the holder of its order token (a
   * customer signed in may still open the link of an order placed as a guest).
   */
  static OrderAccess order(Principal principal, String orderToken) {
    UUID customer = principal != null && principal.realm() == Realm.CUSTOMER ? principal.id() : null;
    return new OrderAccess(customer, orderToken == null || orderToken.isBlank() ? null : orderToken.strip(), false);
  }
}
