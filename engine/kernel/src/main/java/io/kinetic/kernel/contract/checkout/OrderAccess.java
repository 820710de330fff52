package io.kinetic.kernel.contract.checkout;

import java.util.UUID;

/**
 * Who asks for an order: a customer (their own orders), the holder of the order's signed access
 * token (a guest's link; both may be given), or staff. The gateway fills it from the request's credentials. An
 * order the caller may not see is {@code ORDER_NOT_FOUND}, exactly like one that does not exist.
 */
public record OrderAccess(UUID customerId, String token, boolean staff) {

  public static OrderAccess customer(UUID customerId) {
    return new OrderAccess(customerId, null, false);
  }

  public static OrderAccess token(String token) {
    return new OrderAccess(null, token, false);
  }

  public static OrderAccess staffMember() {
    return new OrderAccess(null, null, true);
  }
}
