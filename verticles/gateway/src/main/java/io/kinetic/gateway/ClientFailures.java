package io.kinetic.gateway;

import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;

/**
 * What a client may learn of a failure. 4xx failures are shown as they are: their detail and field
 * errors are written for the caller. A 5xx detail is whatever a service or library said (an SQL
 * error, a host name, a class name), so it is replaced by a fixed text per code; the original is
 * logged where the failure becomes a response.
 */
public final class ClientFailures {

  private ClientFailures() {
  }

  public static Failure shown(Failure failure) {
    ErrorCode code = failure.errorCode();
    if (code.httpStatus() < 500) {
      return failure;
    }
    // the retry hint stays (Retry-After, GraphQL's extensions.retryAfter): it tells nothing of the internals
    return failure.withDetail(switch (code) {
      case BUS_TIMEOUT -> "a service did not answer in time";
      case SERVICE_UNAVAILABLE -> "the service is unavailable at the moment";
      default -> "internal error";
    });
  }
}
