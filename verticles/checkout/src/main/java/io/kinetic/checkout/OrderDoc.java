package io.kinetic.checkout;

import io.kinetic.kernel.contract.checkout.OrderAddress;
import io.kinetic.kernel.contract.checkout.OrderShipping;
import io.kinetic.kernel.contract.checkout.PricedLine;
import io.kinetic.kernel.contract.checkout.Totals;
import java.util.List;

/** What was ordered and how it was priced, fixed at placement (the {@code doc} column of an order). */
record OrderDoc(List<PricedLine> lines, OrderAddress shippingAddress, OrderAddress billingAddress, OrderShipping shipping,
                Totals totals, boolean pricesIncludeTax) {
}
