package io.kinetic.bench;

import io.kinetic.bench.CatalogSample.Variant;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Prepares the cart scenarios on the running engine just before they run and writes their url
 * files ({@code add_to_cart.txt}, {@code get_cart.txt}):
 * <ol>
 *   <li>chooses the variants ({@link CartPlan#choose}: hundreds of products' variants from the whole
 *       sellable catalogue, plus a hot one);</li>
 *   <li>logs in as staff ({@code BENCH_ADMIN_EMAIL} / {@code BENCH_ADMIN_PASSWORD}) and sets each chosen
 *       variant's stock on hand ({@code PUT /api/v1/admin/variants/{sku}/stock}) high enough that no
 *       reservation fails during warm-up and window (reservations last 15 minutes);</li>
 *   <li>creates the guest carts ({@code POST /api/v1/cart}, EUR): empty ones for {@code add_to_cart},
 *       sized so that no line nears the 99-unit maximum at {@code --max-rps} during {@code --warmup} + {@code --duration},
 *       and ones for {@code get_cart} that it fills with their lines (quantity 1 each);</li>
 *   <li>reads every {@code get_cart} cart back and checks each line is priced and fully reserved.</li>
 * </ol>
 * Any unexpected answer stops it with exit status 1: the scenarios require zero errors.
 */
public final class CartSetup {

  private static final String USAGE = "usage: CartSetup --pg-url postgresql://user@host:port/db --engine http://127.0.0.1:PORT"
      + " --out DIR [--warmup 20s] [--duration 15s] [--max-rps 20000] [--adds-per-line 30] [--carts 4000] [--get-carts 2000]"
      + " [--variants 500] [--hot-share 0.1] [--stock 1000000] [--seed 42] [--currency EUR] [--schema catalog]"
      + " [--admin-login /api/v1/admin/auth/login] [--parallel 16]";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI engine;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final ExecutorService pool;
  private String staffToken;

  private CartSetup(URI engine, int parallel) {
    this.engine = engine;
    this.pool = Executors.newFixedThreadPool(parallel);
  }

  public static void main(String[] argv) throws Exception {
    Args args = Args.forCatalogTool(argv, USAGE, Set.of("pg-url", "engine", "out", "warmup", "duration", "max-rps",
        "adds-per-line", "carts", "get-carts", "variants", "hot-share", "stock", "seed", "currency", "schema", "admin-login",
        "parallel"));
    var setup = new CartSetup(URI.create(args.require("engine")), args.intValue("parallel", 16));
    try {
      setup.run(args);
    } catch (Exception e) {
      System.err.println("cart setup failed: " + e.getMessage());
      System.exit(1);
    } finally {
      setup.pool.shutdownNow();
    }
  }

  private void run(Args args) throws Exception {
    String currency = args.get("currency", "EUR");
    long started = System.nanoTime();
    Random random = new Random(args.intValue("seed", 42));
    double hotShare = Double.parseDouble(args.get("hot-share", "0.1"));
    if (hotShare < 0 || hotShare >= 0.5) {
      throw new IllegalArgumentException("--hot-share must be in [0, 0.5)");
    }
    List<Variant> sellable = CatalogSample.sellableVariants(args.require("pg-url"), args.schema(), currency);
    CartPlan.Choice choice = CartPlan.choose(sellable, args.intValue("variants", 500), random);
    // the load add_to_cart puts on its carts: its warm-up and window
    double seconds = (args.duration("warmup", "20s").toMillis() + args.duration("duration", "15s").toMillis()) / 1000.0;
    int maxRps = args.intValue("max-rps", 20_000);
    int perLine = args.intValue("adds-per-line", 30);
    int addCarts = CartPlan.cartsFor(seconds, maxRps, perLine, args.intValue("carts", 4000), hotShare);
    List<List<Variant>> addPlan = CartPlan.carts(addCarts, choice, hotShare, random);
    List<List<Variant>> getPlan = CartPlan.carts(args.intValue("get-carts", 2000), choice, hotShare, random);
    int stock = args.intValue("stock", 1_000_000);
    // every add reserves one unit for 15 minutes (longer than any run): the hot variant takes hotShare of them
    long hotUnits = (long) Math.ceil(seconds * maxRps * hotShare);
    if (hotUnits > stock / 2) {
      System.err.printf(Locale.ROOT, "warning: at %d req/s for %.0f s the hot variant could reserve %d units, stock is %d%n",
          maxRps, seconds, hotUnits, stock);
    }

    login(args.get("admin-login", "/api/v1/admin/auth/login"));
    List<Variant> all = new ArrayList<>(choice.spread());
    all.add(choice.hot());
    parallel(all, v -> setStock(v, stock));

    List<String> addTokens = parallel(addPlan, cart -> createCart(currency));
    List<String> getTokens = parallel(getPlan, cart -> createCart(currency));
    List<RequestLine> fills = CartPlan.addLines(getTokens, getPlan);
    parallel(fills, this::send);
    List<Integer> checked = new ArrayList<>();
    for (int c = 0; c < getTokens.size(); c++) {
      checked.add(c);
    }
    parallel(checked, c -> checkCart(getTokens.get(c), getPlan.get(c), currency));

    // each stock set is a catalog event that search and recommendations apply (re-reading the
    // product), each new cart a cart event for the analytics' funnel, and the fills' reservations
    // availability events: the scenarios start once those are applied, not while they still compete
    LogCatchUp.bestEffort(engine, () -> staffToken, source -> source.equals("catalog") || source.equals("cart"),
        consumer -> true, "cart setup: the consumers of the catalog's and the cart's logs", java.time.Duration.ofMinutes(10));

    List<RequestLine> adds = CartPlan.addLines(addTokens, addPlan);
    Path out = Path.of(args.require("out"));
    Files.createDirectories(out);
    write(out.resolve("add_to_cart.txt"), adds);
    write(out.resolve("get_cart.txt"), CartPlan.getLines(getTokens));
    long hotAdds = adds.stream().filter(l -> l.body().contains(choice.hot().id())).count();
    System.out.printf(Locale.ROOT, "cart setup: %d variants of %d products (of %d sellable variants) + hot %s, stock %d each;"
        + " add_to_cart: %d empty carts, %d lines (hot %.1f %%, %.1f adds per line at %d req/s for %.0f s);"
        + " get_cart: %d carts holding %d lines (%.1f per cart), %d adds to fill them; %.1f s%n",
        choice.spread().size(), choice.spread().size(), sellable.size(), choice.hot().sku(), stock,
        addCarts, adds.size(), 100.0 * hotAdds / adds.size(), seconds * maxRps / adds.size(), maxRps, seconds,
        getTokens.size(), fills.size(), (double) fills.size() / getTokens.size(), fills.size(),
        (System.nanoTime() - started) / 1e9);
  }

  private void login(String path) throws Exception {
    String email = System.getenv(AdminSession.EMAIL_ENV);
    String password = System.getenv(AdminSession.PASSWORD_ENV);
    if (email == null || password == null) {
      throw new IllegalArgumentException("set " + AdminSession.EMAIL_ENV + " and " + AdminSession.PASSWORD_ENV
          + " (the staff account that sets the variants' stock)");
    }
    HttpResponse<String> response = http.send(json(path, "POST",
        new JsonObject().put("email", email).put("password", password).encode()).build(), HttpResponse.BodyHandlers.ofString());
    expect(response, 200, "admin login");
    staffToken = new JsonObject(response.body()).getString("accessToken");
  }

  private Void setStock(Variant v, int stock) throws Exception {
    HttpResponse<String> response = http.send(json("/api/v1/admin/variants/" + Scenarios.encode(v.sku()) + "/stock", "PUT",
        new JsonObject().put("onHand", stock).encode()).header("Authorization", "Bearer " + staffToken).build(),
        HttpResponse.BodyHandlers.ofString());
    expect(response, 200, "PUT stock of " + v.sku());
    JsonArray variants = new JsonObject(response.body()).getJsonArray("variants", new JsonArray());
    boolean set = variants.stream().map(JsonObject.class::cast)
        .anyMatch(o -> v.sku().equals(o.getString("sku")) && Integer.valueOf(stock).equals(o.getInteger("stockOnHand")));
    if (!set) {
      throw new IllegalStateException("PUT stock of " + v.sku() + " answered a product without that stock: " + response.body());
    }
    return null;
  }

  private String createCart(String currency) throws Exception {
    HttpResponse<String> response = http.send(json(CartPlan.CART_PATH, "POST",
        new JsonObject().put("currency", currency).encode()).build(), HttpResponse.BodyHandlers.ofString());
    expect(response, 201, "POST " + CartPlan.CART_PATH);
    return response.headers().firstValue(CartPlan.TOKEN_HEADER)
        .orElseThrow(() -> new IllegalStateException("POST " + CartPlan.CART_PATH + " answered 201 without " + CartPlan.TOKEN_HEADER));
  }

  private Void send(RequestLine line) throws Exception {
    var request = HttpRequest.newBuilder(engine.resolve(line.path())).timeout(TIMEOUT)
        .method(line.method().name(), line.body() == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(line.body()));
    if (line.body() != null) {
      request.header("Content-Type", "application/json");
    }
    line.headers().forEach(request::header);
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    expect(response, 200, line.method().name() + " " + line.path());
    return null;
  }

  /** The cart holds exactly its planned lines, each priced, available and with its unit reserved. */
  private Void checkCart(String token, List<Variant> plan, String currency) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(engine.resolve(CartPlan.CART_PATH)).timeout(TIMEOUT)
        .header(CartPlan.TOKEN_HEADER, token).GET().build(), HttpResponse.BodyHandlers.ofString());
    expect(response, 200, "GET " + CartPlan.CART_PATH);
    JsonObject cart = new JsonObject(response.body());
    JsonArray lines = cart.getJsonArray("lines");
    boolean ok = currency.equals(cart.getString("currency")) && lines.size() == plan.size() && !cart.getBoolean("hasChanges");
    for (int i = 0; ok && i < lines.size(); i++) {
      JsonObject line = lines.getJsonObject(i);
      ok = line.getInteger("quantity") == 1 && line.getInteger("reserved") == 1 && !line.getBoolean("unavailable")
          && !line.getBoolean("insufficientStock") && line.getJsonObject("unitPrice") != null;
    }
    if (!ok) {
      throw new IllegalStateException("a filled cart is not as planned (" + plan.size() + " lines, each 1 unit reserved): "
          + response.body());
    }
    return null;
  }

  private HttpRequest.Builder json(String path, String method, String body) {
    return HttpRequest.newBuilder(engine.resolve(path)).timeout(TIMEOUT).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
  }

  private static void expect(HttpResponse<String> response, int status, String what) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(what + " answered " + response.statusCode() + " (expected " + status + "): "
          + response.body());
    }
  }

  /** The results of {@code task} over {@code items}, in order; the first failure stops the setup. */
  private <T, R> List<R> parallel(List<T> items, Task<T, R> task) throws Exception {
    List<Future<R>> futures = new ArrayList<>(items.size());
    for (T item : items) {
      futures.add(pool.submit((Callable<R>) () -> task.apply(item)));
    }
    List<R> out = new ArrayList<>(items.size());
    try {
      for (Future<R> f : futures) {
        try {
          out.add(f.get());
        } catch (java.util.concurrent.ExecutionException e) {
          throw e.getCause() instanceof Exception cause ? cause : e;
        }
      }
    } finally {
      futures.forEach(f -> f.cancel(true));
    }
    return out;
  }

  private static void write(Path file, List<RequestLine> lines) throws Exception {
    Files.write(file, lines.stream().map(RequestLine::format).toList(), StandardCharsets.UTF_8);
  }

  @FunctionalInterface
  private interface Task<T, R> {
    R apply(T item) throws Exception;
  }
}
