package io.kinetic.gateway;

import io.kinetic.kernel.bus.Headers;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;

/**
 * First handler of every request: adopts the caller's {@code X-Correlation-Id} when it is a sane
 * token (1 to 64 characters of {@code [A-Za-z0-9._:-]}), otherwise makes a new one, and echoes it
 * on the response whatever happens next.
 */
final class CorrelationHandler implements Handler<RoutingContext> {

  static final CharSequence HEADER = HttpHeaders.createOptimized(Headers.HTTP_CORRELATION_ID);
  private static final int MAX_LENGTH = 64;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  @Override
  public void handle(RoutingContext rc) {
    adopt(rc);
    rc.next();
  }

  /**
   * Gives the request its correlation id (the caller's, when sane) and echoes it on the response.
   * Also for a request the router fails before any handler runs, this one included: a request
   * target that is no path ({@code OPTIONS *}, {@code CONNECT host:port}) goes straight to the
   * failure handler, which calls this for the answer's id.
   */
  static String adopt(RoutingContext rc) {
    String given = rc.request().getHeader(HEADER);
    String cid = sane(given) ? given : newId();
    rc.put(Requests.CORRELATION_ID, cid);
    rc.response().putHeader(HEADER, cid);
    return cid;
  }

  static boolean sane(String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '_' || c == '.' || c == ':';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** 32 random hex digits: unique enough to find one request in the logs, cheap on the hot path. */
  static String newId() {
    var random = ThreadLocalRandom.current();
    char[] out = new char[32];
    long a = random.nextLong();
    long b = random.nextLong();
    for (int i = 0; i < 16; i++) {
      out[i] = HEX[(int) (a >>> (60 - 4 * i)) & 0xF];
      out[16 + i] = HEX[(int) (b >>> (60 - 4 * i)) & 0xF];
    }
    return new String(out);
  }
}
