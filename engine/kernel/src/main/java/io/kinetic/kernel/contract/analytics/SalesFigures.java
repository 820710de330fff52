package io.kinetic.kernel.contract.analytics;

/**
 * Sales figures of a period. {@code revenue}: the totals of the paid orders (minor units);
 * {@code averageOrderValue}: revenue per paid order (rounded down; 0 without orders);
 * {@code refunds}: money given back; {@code returns}: return requests; {@code cancelled}: orders
 * cancelled; {@code newCustomers}: customers (or guest e-mails) whose first paid order it is;
 * {@code returningCustomers}: customers with an earlier paid order who paid again (once per day).
 */
public record SalesFigures(long revenue, long ordersPlaced, long ordersPaid, long averageOrderValue, long refunds,
                           long returns, long cancelled, long newCustomers, long returningCustomers) {
}
