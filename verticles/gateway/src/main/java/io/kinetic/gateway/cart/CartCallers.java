package io.kinetic.gateway.cart;

import io.kinetic.gateway.AccessHandler;
import io.kinetic.gateway.Principal;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.contract.cart.CartRef;
import io.kinetic.kernel.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * Whose cart a request names: the customer of a verified access token, else the guest token of
 * {@value #HEADER} (null: none). A staff token is refused: staff do not shop with their account.
 */
final class CartCallers {

  static final String HEADER = "X-Cart-Token";

  private final AccessHandler access;

  CartCallers(AccessHandler access) {
    this.access = access;
  }

  /** The cart's reference, or null when the request names no cart. */
  Future<CartRef> ref(RoutingContext rc) {
    return access.optionalPrincipal(rc).compose(principal -> {
      if (principal != null) {
        return customer(principal);
      }
      String token = rc.request().getHeader(HEADER);
      return Future.succeededFuture(token == null || token.isBlank() ? null : CartRef.guest(token.strip()));
    });
  }

  static Future<CartRef> customer(Principal principal) {
    if (principal.realm() != Realm.CUSTOMER) {
      return Future.failedFuture(ErrorCode.FORBIDDEN.failure("carts belong to customers; a staff token cannot use one"));
    }
    return Future.succeededFuture(CartRef.customer(principal.id()));
  }
}
