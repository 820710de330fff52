package io.kinetic.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The side load of the {@code search_live} scenario: while the search mix runs, staff change the
 * catalogue at a steady rate through the admin API (alternately an EUR price and a stock level of a
 * sampled published product's variant, with the bench's staff token), so the search's cached answers
 * keep being retired and searches are answered by the index, not the answer cache. Runs for
 * {@code --warmup} plus {@code --duration} (the load generator's run), then prints one JSON line:
 * {@code {"changes": n, "prices": n, "stock": n, "failed": n, "per_s": x, "seconds": s}}. Staff
 * credentials from {@code BENCH_ADMIN_EMAIL} / {@code BENCH_ADMIN_PASSWORD}. Exit 1 when more than a
 * tenth of the changes failed.
 */
public final class CatalogChurn {

  private static final String USAGE = "usage: CatalogChurn --pg-url postgresql://user@host:port/db --engine http://127.0.0.1:PORT"
      + " [--rate 5] [--warmup 5s] [--duration 15s] [--seed 42] [--schema catalog] [--limit 2000]";

  private CatalogChurn() {
  }

  public static void main(String[] argv) throws Exception {
    Args args;
    double rate;
    long runMillis;
    try {
      args = Args.parse(argv, Set.of("pg-url", "engine", "rate", "warmup", "duration", "seed", "schema", "limit"), Set.of());
      args.require("pg-url");
      args.require("engine");
      args.schema();
      rate = Double.parseDouble(args.get("rate", "5"));
      if (!(rate > 0 && rate <= 1000)) {
        throw new IllegalArgumentException("--rate: more than 0 and at most 1000 changes per second");
      }
      runMillis = Args.parseDuration(args.get("warmup", "5s")).toMillis() + Args.parseDuration(args.get("duration", "15s")).toMillis();
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    CatalogSample sample = CatalogSample.read(args.require("pg-url"), args.schema(), args.intValue("limit", 2000));
    List<String> skus = sample.products().stream().flatMap(p -> p.skus().stream()).toList();
    if (skus.isEmpty()) {
      System.err.println("no PUBLISHED products: seed first");
      System.exit(1);
    }
    URI base = URI.create(args.require("engine"));
    Random random = new Random(args.intValue("seed", 42));
    Vertx vertx = Vertx.vertx();
    AtomicLong prices = new AtomicLong();
    AtomicLong stock = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    try {
      AdminSession admin = AdminSession.start(vertx, base, "/api/v1/admin/auth/login").await(30, TimeUnit.SECONDS);
      HttpClient client = vertx.createHttpClient();
      long start = System.nanoTime();
      long periodMillis = Math.max(1, Math.round(1000 / rate));
      Promise<Void> done = Promise.promise();
      long[] sent = {0};
      vertx.setPeriodic(periodMillis, id -> {
        if (System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(runMillis)) {
          vertx.cancelTimer(id);
          vertx.setTimer(2000, t -> done.tryComplete()); // the last answers
          return;
        }
        String sku = skus.get(random.nextInt(skus.size()));
        boolean price = sent[0]++ % 2 == 0;
        String path = "/api/v1/admin/variants/" + Scenarios.encode(sku) + (price ? "/prices/EUR" : "/stock");
        JsonObject body = price ? new JsonObject().put("amount", (5 + random.nextInt(195)) * 100L - 1)
            : new JsonObject().put("onHand", 1 + random.nextInt(200));
        send(client, base, admin.token(), path, body).onComplete(ar -> {
          if (ar.succeeded() && ar.result() / 100 == 2) {
            (price ? prices : stock).incrementAndGet();
          } else if (failed.incrementAndGet() <= 5) {
            System.err.println("bench: a catalogue change failed: " + (ar.succeeded() ? "HTTP " + ar.result() : ar.cause()));
          }
        });
      });
      done.future().await(runMillis + 60_000, TimeUnit.MILLISECONDS);
      double seconds = (System.nanoTime() - start) / 1e9 - 2;
      long changes = prices.get() + stock.get();
      System.out.println(new JsonObject().put("changes", changes).put("prices", prices.get()).put("stock", stock.get())
          .put("failed", failed.get()).put("per_s", Double.parseDouble(String.format(Locale.ROOT, "%.2f", changes / Math.max(seconds, 0.001))))
          .put("seconds", Double.parseDouble(String.format(Locale.ROOT, "%.1f", seconds))).encode());
      if (failed.get() * 10 > changes + failed.get()) {
        System.exit(1);
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static Future<Integer> send(HttpClient client, URI base, String token, String path, JsonObject body) {
    var options = new RequestOptions().setMethod(HttpMethod.PUT).setHost(base.getHost()).setPort(base.getPort()).setURI(path)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
        .setTimeout(10_000);
    return client.request(options).compose(req -> req.send(Buffer.buffer(body.encode())))
        .compose(resp -> resp.body().map(b -> resp.statusCode()));
  }
}
