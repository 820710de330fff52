package io.kinetic.kernel.bus;

/** Event-bus and HTTP header names carried end to end. */
public final class Headers {

  /** Correlates every log line and message that one outside request causes. */
  public static final String CORRELATION_ID = "correlation-id";
  /** The HTTP spelling of {@link #CORRELATION_ID}. */
  public static final String HTTP_CORRELATION_ID = "X-Correlation-Id";
  /** The id of a domain event, for idempotent consumers. */
  public static final String EVENT_ID = "event-id";
  /** The log position of a published domain event. */
  public static final String POSITION = "log-position";
  /** The authenticated principal (customer or staff id) a request acts for. */
  public static final String PRINCIPAL = "principal";

  private Headers() {
  }
}
