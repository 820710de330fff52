package io.kinetic.bench;

import io.kinetic.bench.CatalogSample.Variant;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The {@code checkout} scenario: closed-loop shoppers, each buying again and again the way a
 * storefront does, over REST:
 * <ol>
 *   <li>{@code POST /api/v1/cart/lines} (a new guest cart with one unit of a variant, sometimes a
 *       second line) — the variants are spread over the whole sellable catalogue;</li>
 *   <li>{@code POST /api/v1/checkout/orders} with an {@code Idempotency-Key} (cart → order: stock
 *       allocated in PostgreSQL, order and payment created, cart emptied);</li>
 *   <li>{@code POST /api/v1/orders/{id}/payment/test-card} (the test provider takes the card);</li>
 *   <li>{@code POST /api/v1/orders/{id}/payment/confirm} (the shopper's return: the order must answer
 *       {@code paid}).</li>
 * </ol>
 * An order counts once its confirmation says paid; rps is orders per second and the latencies are of
 * the whole flow. Any other answer counts as an error. Before the load, the chosen variants get
 * stock enough for the run (as staff, {@code PUT .../stock}). Output: like {@link LoadGenerator}
 * (its last line the {@link Result} JSON, with {@code http}: the single requests' numbers).
 */
public final class CheckoutLoad {

  private static final String USAGE = "usage: CheckoutLoad --pg-url postgresql://... --engine http://127.0.0.1:PORT"
      + " [--connections 64] [--duration 15s] [--warmup 5s] [--variants 2000] [--stock 1000000] [--seed 42]"
      + " [--schema catalog] [--currency EUR] [--event-loops 2] [--server-pid PID]";
  static final String SHIPPING_METHOD = "5b0c0b9e-0000-4000-8000-000000000101"; // the demo shop's "Standard" to Germany
  private static final JsonObject ADDRESS = new JsonObject().put("name", "Bench Shopper").put("line1", "Load Street 1")
      .put("postalCode", "10115").put("city", "Berlin").put("country", "DE");

  private final HttpClient http;
  private final List<Variant> variants;
  private final Measurement orders;
  private final Measurement requests;
  private final AtomicInteger failuresShown = new AtomicInteger();
  private final java.util.Map<String, Measurement> steps = new java.util.LinkedHashMap<>();

  private CheckoutLoad(HttpClient http, List<Variant> variants, Measurement orders, Measurement requests) {
    this.http = http;
    this.variants = variants;
    this.orders = orders;
    this.requests = requests;
    for (String step : List.of("add", "place", "pay", "confirm")) {
      steps.put(step, new Measurement(0, 0, 0));
    }
  }

  private Measurement step(String path) {
    String name = path.endsWith("/confirm") ? "confirm" : path.endsWith("/test-card") ? "pay" : path.startsWith("/api/v1/checkout") ? "place" : "add";
    return steps.get(name);
  }

  public static void main(String[] argv) throws Exception {
    Args args;
    URI engine;
    try {
      args = Args.parse(argv, Set.of("pg-url", "engine", "connections", "duration", "warmup", "variants",
          "stock", "seed", "schema", "currency", "event-loops", "server-pid"), Set.of());
      args.require("pg-url");
      args.schema();
      engine = URI.create(args.require("engine"));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    int connections = args.intValue("connections", 64);
    Duration duration = args.duration("duration", "15s");
    Duration warmup = args.duration("warmup", "5s");
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(args.intValue("event-loops", 2)).setPreferNativeTransport(true));
    try {
      List<Variant> sellable = new ArrayList<>(CatalogSample.sellableVariants(args.require("pg-url"), args.schema(),
          args.get("currency", "EUR")));
      Collections.shuffle(sellable, new Random(args.intValue("seed", 42)));
      List<Variant> chosen = List.copyOf(sellable.subList(0, Math.min(sellable.size(), args.intValue("variants", 2000))));
      if (chosen.isEmpty()) {
        throw new IllegalStateException("no sellable variant in the catalogue");
      }
      HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(engine.getHost())
          .setDefaultPort(engine.getPort()).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(connections));
      String staff = login(http);
      stock(http, staff, chosen, args.intValue("stock", 1_000_000));
      // setting the stock emitted one catalog event per variant (search and recommendations re-read
      // each product): the load starts once they are applied, so the window measures orders only
      LogCatchUp.bestEffort(engine, () -> staff, "catalog"::equals, consumer -> true, "checkout: the catalog's consumers",
          Duration.ofMinutes(10));
      System.err.printf("checkout: %d variants stocked, %d shoppers, warm-up %s, measuring %s against %s%n", chosen.size(),
          connections, warmup, duration, engine);
      long windowStart = System.nanoTime() + warmup.toNanos();
      long windowEnd = windowStart + duration.toNanos();
      CpuShare cpu = CpuShare.during(windowStart, windowEnd, Long.parseLong(args.get("server-pid", "0")));
      var load = new CheckoutLoad(http, chosen, new Measurement(windowStart, windowEnd, warmup.toNanos()),
          new Measurement(windowStart, windowEnd, warmup.toNanos()));
      load.steps.replaceAll((k, v) -> new Measurement(windowStart, windowEnd, warmup.toNanos()));
      List<Future<Void>> shoppers = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        shoppers.add(load.shop());
      }
      Future.all(shoppers).await(duration.toMillis() + warmup.toMillis() + 120_000, TimeUnit.MILLISECONDS);
      // what the orders left the consumers to do (mails, analytics, recommendations, search): a
      // backlog that took long to work off means the figure is not one the shop could keep up
      JsonObject backlog = backlog(engine, staff);
      Result result = load.orders.result("checkout", false);
      Result perRequest = load.requests.result("checkout_http", false);
      System.out.println(result.humanLine(connections, duration.toSeconds() + "s").replace("req/s", "orders/s")
          .replace("requests", "orders"));
      System.out.println(perRequest.humanLine(connections, duration.toSeconds() + "s"));
      var stepsJson = new JsonObject();
      for (var e : load.steps.entrySet()) {
        Result r = e.getValue().result(e.getKey(), false);
        System.out.println("  " + r.all().humanLine(e.getKey()));
        stepsJson.put(e.getKey(), r.all().toJson());
      }
      var json = result.toJson().put("unit", "orders").put("http", perRequest.all().toJson()).put("steps", stepsJson)
        .put("backlog", backlog);
      var share = cpu.result(result.requests() - result.errors(), "order");
      if (share != null) {
        System.out.println(CpuShare.humanLine("checkout", share));
        json.put("cpu", share);
      }
      System.out.println(json.encode());
      System.out.flush();
      System.exit(result.requests() > result.errors() ? 0 : 1);
    } catch (Exception e) {
      System.err.println("checkout: " + e.getMessage());
      if (e.getMessage() == null) {
        e.printStackTrace();
      }
      System.exit(1);
    } finally {
      vertx.close();
    }
  }

  /**
   * The consumers' backlog right after the load ({@code events_behind}, per consumer), then how long
   * they took to work it off ({@code caught_up_s}; null when they did not within 10 minutes or the
   * health could not be read, with the reason in {@code error}). Printed too.
   */
  private static JsonObject backlog(URI engine, String staff) {
    var out = new JsonObject();
    try {
      Predicate<String> sources = source -> true;
      var behind = LogCatchUp.behind(engine, staff, sources);
      var perConsumer = new JsonObject();
      behind.forEach(perConsumer::put);
      out.put("events_behind", perConsumer).put("total", behind.values().stream().mapToLong(Long::longValue).sum());
      var caughtUp = LogCatchUp.await(engine, () -> staff, sources, consumer -> true, "checkout: the consumers' backlog",
          Duration.ofMinutes(10));
      out.put("caught_up_s", Result.round(caughtUp.seconds(), 1));
      System.err.printf(Locale.ROOT, "checkout: after the load the consumers were %d events behind (%s), worked off in %.1f s%n",
          out.getLong("total"), perConsumer.encode(), caughtUp.seconds());
    } catch (Exception e) {
      out.putNull("caught_up_s").put("error", String.valueOf(e.getMessage()));
      System.err.println("checkout: the consumers' backlog not known: " + e.getMessage());
    }
    return out;
  }

  /** One shopper: buys until the window ends. */
  private Future<Void> shop() {
    if (orders.stopped()) {
      return Future.succeededFuture();
    }
    long started = System.nanoTime();
    return buy().transform(ar -> {
      if (ar.succeeded()) {
        orders.success(started, true);
      } else {
        orders.error(true);
        if (failuresShown.getAndIncrement() < 5) {
          System.err.println("checkout: an order failed: " + ar.cause().getMessage());
        }
      }
      return shop();
    });
  }

  private Future<Void> buy() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    Variant first = variants.get(random.nextInt(variants.size()));
    return send(HttpMethod.POST, "/api/v1/cart/lines", null, null, line(first), 201).compose(added -> {
      String cart = added.headers().get("X-Cart-Token");
      Future<Void> more = Future.succeededFuture();
      if (random.nextInt(3) == 0) {
        Variant second = variants.get(random.nextInt(variants.size()));
        if (!second.id().equals(first.id())) {
          more = send(HttpMethod.POST, "/api/v1/cart/lines", cart, null, line(second), 200).mapEmpty();
        }
      }
      return more.compose(v -> send(HttpMethod.POST, "/api/v1/checkout/orders", cart, null,
          new JsonObject().put("email", "bench@example.com").put("shippingAddress", ADDRESS).put("shippingMethodId", SHIPPING_METHOD),
          201));
    }).compose(placed -> {
      JsonObject body = placed.json;
      String id = body.getJsonObject("order").getString("id");
      String token = body.getString("accessToken");
      return send(HttpMethod.POST, "/api/v1/orders/" + id + "/payment/test-card", null, token,
          new JsonObject().put("card", "4242424242424242"), 200)
        .compose(paid -> send(HttpMethod.POST, "/api/v1/orders/" + id + "/payment/confirm", null, token, null, 200))
        .compose(confirmed -> "paid".equals(confirmed.json.getString("state")) ? Future.<Void>succeededFuture()
          : Future.failedFuture("order " + id + " is " + confirmed.json.getString("state") + " after paying"));
    });
  }

  private static JsonObject line(Variant v) {
    return new JsonObject().put("variantId", v.id()).put("quantity", 1);
  }

  private record Answer(io.vertx.core.MultiMap headers, JsonObject json) {
  }

  private Future<Answer> send(HttpMethod method, String path, String cart, String orderToken, JsonObject body, int expected) {
    long started = System.nanoTime();
    var options = new RequestOptions().setMethod(method).setURI(path).setTimeout(30_000)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    if (cart != null) {
      options.putHeader("X-Cart-Token", cart);
    }
    if (orderToken != null) {
      options.putHeader("X-Order-Token", orderToken);
    }
    if (method == HttpMethod.POST && path.startsWith("/api/v1/checkout/orders")) {
      options.putHeader("Idempotency-Key", UUID.randomUUID().toString());
    }
    return http.request(options)
        .compose(request -> body == null ? request.send() : request.send(body.toBuffer()))
        .compose(response -> response.body().map(buffer -> answer(response, buffer)))
        .compose(answer -> {
          if (answer == null || answer.status != expected) {
            requests.error(true);
            return Future.failedFuture(method + " " + path + " answered " + (answer == null ? "nothing" : answer.status + " "
                + answer.text.substring(0, Math.min(200, answer.text.length()))));
          }
          requests.success(started, true);
          step(path).success(started, true);
          return Future.succeededFuture(new Answer(answer.headers, answer.text.isEmpty() ? new JsonObject() : new JsonObject(answer.text)));
        }, failure -> {
          requests.error(true);
          return Future.failedFuture(failure);
        });
  }

  private record Raw(int status, io.vertx.core.MultiMap headers, String text) {
  }

  private static Raw answer(HttpClientResponse response, Buffer body) {
    return new Raw(response.statusCode(), response.headers(), body.toString());
  }

  private static String login(HttpClient http) throws Exception {
    String email = System.getenv(AdminSession.EMAIL_ENV);
    String password = System.getenv(AdminSession.PASSWORD_ENV);
    if (email == null || password == null) {
      throw new IllegalArgumentException("set " + AdminSession.EMAIL_ENV + " and " + AdminSession.PASSWORD_ENV);
    }
    Raw r = call(http, HttpMethod.POST, "/api/v1/admin/auth/login", null,
        new JsonObject().put("email", email).put("password", password));
    if (r.status != 200) {
      throw new IllegalStateException("admin login answered " + r.status + " " + r.text);
    }
    return new JsonObject(r.text).getString("accessToken");
  }

  private static void stock(HttpClient http, String staff, List<Variant> variants, int stock) throws Exception {
    var pending = new ArrayList<Future<Raw>>();
    for (Variant v : variants) {
      pending.add(callAsync(http, HttpMethod.PUT, "/api/v1/admin/variants/" + Scenarios.encode(v.sku()) + "/stock", staff,
          new JsonObject().put("onHand", stock)));
      if (pending.size() == 32) {
        check(pending);
      }
    }
    check(pending);
  }

  private static void check(List<Future<Raw>> pending) throws Exception {
    for (Future<Raw> f : pending) {
      Raw r = f.await(30, TimeUnit.SECONDS);
      if (r.status != 200) {
        throw new IllegalStateException("setting stock answered " + r.status + " " + r.text);
      }
    }
    pending.clear();
  }

  private static Raw call(HttpClient http, HttpMethod method, String path, String bearer, JsonObject body) throws Exception {
    return callAsync(http, method, path, bearer, body).await(30, TimeUnit.SECONDS);
  }

  private static Future<Raw> callAsync(HttpClient http, HttpMethod method, String path, String bearer, JsonObject body) {
    var options = new RequestOptions().setMethod(method).setURI(path).setTimeout(30_000)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    if (bearer != null) {
      options.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + bearer);
    }
    return http.request(options).compose(request -> request.send(body.toBuffer()))
        .compose(response -> response.body().map(buffer -> answer(response, buffer)));
  }
}
