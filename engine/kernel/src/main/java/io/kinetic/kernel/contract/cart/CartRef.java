package io.kinetic.kernel.contract.cart;

import java.util.UUID;

/**
 * Whose cart a request is about: a customer's (by the id of the verified access token) or a guest's
 * (by the unguessable token the cart was created with). Exactly one is set; the gateway fills it
 * from the request's credentials, never from its body, so nobody can name another person's cart.
 */
public record CartRef(UUID customerId, String token) {

  public static CartRef customer(UUID customerId) {
    return new CartRef(customerId, null);
  }

  public static CartRef guest(String token) {
    return new CartRef(null, token);
  }

  public boolean isCustomer() {
    return customerId != null;
  }
}
