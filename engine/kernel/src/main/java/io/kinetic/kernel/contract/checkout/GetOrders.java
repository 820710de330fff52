package io.kinetic.kernel.contract.checkout;

import java.util.List;
import java.util.UUID;

/**
 * Orders by id, as staff see them (no client secret), for another context's consumer (e.g. the
 * confirmation mails of a pass's payments): one read instead of one per order. At most
 * {@value #MAX} ids. Reply {@link OrderViews}: the ones that exist, in no particular order.
 */
public record GetOrders(List<UUID> orderIds) {
  public static final int MAX = 100;
}
