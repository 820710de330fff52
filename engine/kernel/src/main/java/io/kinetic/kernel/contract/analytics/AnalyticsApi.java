package io.kinetic.kernel.contract.analytics;

import io.kinetic.kernel.bus.Endpoint;
import io.kinetic.kernel.contract.Contract;

/**
 * The analytics context's bus contract: the sales dashboard, answered from rollup tables that
 * durable consumers of the checkout's, the cart's and the catalog's event logs keep. It publishes
 * no events.
 */
public final class AnalyticsApi {

  public static final Endpoint<GetDashboard, Dashboard> DASHBOARD =
    Endpoint.local("analytics.dashboard", GetDashboard.class, Dashboard.class);

  public static final Contract CONTRACT = Contract.of("analytics", null, DASHBOARD);

  private AnalyticsApi() {
  }
}
