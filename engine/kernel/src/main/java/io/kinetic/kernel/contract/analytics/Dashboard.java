package io.kinetic.kernel.contract.analytics;

import java.time.LocalDate;
import java.util.List;

/**
 * The sales dashboard for a range: the totals, one entry per period (day or week, by its first
 * day; periods without sales are absent), the top products and categories by revenue, and the
 * conversion funnel. Amounts are minor units of {@code currency}. Figures of an order count on
 * the day it was placed (UTC), also its later payment, refunds and returns. {@code pendingEvents}:
 * events of the checkout's log this node had not applied yet at its last pass (0: up to date; -1
 * before its first pass).
 */
public record Dashboard(String currency, String granularity, LocalDate from, LocalDate to, SalesFigures totals,
                        List<SalesPeriod> periods, List<TopSeller> topProducts, List<TopSeller> topCategories,
                        Funnel funnel, long pendingEvents) {
}
