package io.kinetic.bench;

import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Waits until the analytics consumers have applied the checkout's and the cart's event logs (the
 * admin event-log health: every {@code analytics.*} reader 0 events behind, nothing unlogged, twice
 * in a row a second apart), so that the dashboard scenario measures complete rollups; prints how
 * long the catch-up took and how many events it applied meanwhile. Staff credentials from
 * {@code BENCH_ADMIN_EMAIL} / {@code BENCH_ADMIN_PASSWORD}. Exit status 1 when it did not catch up
 * within {@code --timeout-s}.
 */
public final class AnalyticsCatchUp {

  private static final String USAGE = "usage: AnalyticsCatchUp --engine http://127.0.0.1:PORT [--timeout-s 7200]";

  private AnalyticsCatchUp() {
  }

  public static void main(String[] argv) throws Exception {
    Args args;
    try {
      args = Args.parse(argv, Set.of("engine", "timeout-s"), Set.of());
      args.require("engine");
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    URI base = URI.create(args.require("engine"));
    Vertx vertx = Vertx.vertx();
    try {
      AdminSession admin = AdminSession.start(vertx, base, "/api/v1/admin/auth/login").await(30, TimeUnit.SECONDS);
      LogCatchUp.Result result = LogCatchUp.await(base, admin::token, source -> Set.of("checkout", "cart").contains(source),
          consumer -> consumer.startsWith("analytics."), "analytics", Duration.ofSeconds(args.intValue("timeout-s", 7200)));
      System.err.println(result.describe("analytics"));
    } catch (IllegalStateException e) {
      System.err.println(e.getMessage());
      System.exit(1);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
