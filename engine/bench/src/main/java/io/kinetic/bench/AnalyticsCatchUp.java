package io.kinetic.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
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
  private static final String HEALTH = "/api/v1/admin/health/events";

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
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(args.intValue("timeout-s", 7200));
    Vertx vertx = Vertx.vertx();
    try {
      AdminSession admin = AdminSession.start(vertx, base, "/api/v1/admin/auth/login").await(30, TimeUnit.SECONDS);
      HttpClient client = vertx.createHttpClient();
      long start = System.nanoTime();
      long first = -1;
      int quiet = 0;
      long lastReport = 0;
      while (System.nanoTime() < deadline) {
        JsonObject health = client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(base.getHost())
              .setPort(base.getPort()).setURI(HEALTH).putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + admin.token()))
          .compose(req -> req.send()).compose(resp -> resp.body()).await(30, TimeUnit.SECONDS).toJsonObject();
        long behind = 0;
        long unlogged = 0;
        for (Object log : health.getJsonArray("logs")) {
          JsonObject l = (JsonObject) log;
          if (!Set.of("checkout", "cart").contains(l.getString("source"))) {
            continue;
          }
          unlogged += l.getLong("unlogged");
          for (Object reader : l.getJsonArray("readers")) {
            JsonObject r = (JsonObject) reader;
            if (r.getString("consumer").startsWith("analytics.")) {
              behind += r.getLong("eventsBehind");
            }
          }
        }
        first = first < 0 ? behind : first;
        quiet = behind == 0 && unlogged == 0 ? quiet + 1 : 0;
        if (quiet >= 2) {
          double seconds = (System.nanoTime() - start) / 1e9;
          System.err.printf("analytics caught up: %d events behind at the start, applied in %.1f s (%.0f events/s)%n",
            first, seconds, first / Math.max(seconds, 0.001));
          return;
        }
        if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10)) {
          System.err.printf("analytics: %d events behind%n", behind);
          lastReport = System.nanoTime();
        }
        Thread.sleep(1000);
      }
      System.err.println("analytics did not catch up in time");
      System.exit(1);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
