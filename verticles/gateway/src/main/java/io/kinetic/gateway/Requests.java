package io.kinetic.gateway;

import io.kinetic.kernel.bus.Caller;
import io.vertx.ext.web.RoutingContext;

/** What the cross-cutting handlers learn about a request, kept in its {@link RoutingContext}. */
public final class Requests {

  static final String CORRELATION_ID = "kinetic.cid";
  static final String PRINCIPAL = "kinetic.principal";

  private Requests() {
  }

  /** Set by {@link CorrelationHandler} before anything else runs. */
  public static String correlationId(RoutingContext rc) {
    return rc.get(CORRELATION_ID);
  }

  /** Who a bus request made for this HTTP request acts for: its correlation id and authenticated actor. */
  public static Caller caller(RoutingContext rc) {
    Principal principal = principal(rc);
    return new Caller(correlationId(rc), principal == null ? null : principal.actor());
  }

  /** The verified token subject, or null for an anonymous request. */
  public static Principal principal(RoutingContext rc) {
    return rc.get(PRINCIPAL);
  }

  /**
   * Whether a parameter's text is an integer as the contract means it: an optional minus and ASCII
   * digits only (not "1e2", "1.0", " 1", "+1" or other scripts' digits), at most 19 of them (a longer
   * one is out of every range; the schema's bounds say which).
   */
  public static boolean isPlainInteger(String text) {
    int start = text.startsWith("-") ? 1 : 0;
    if (text.length() == start || text.length() - start > 19) {
      return false;
    }
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
