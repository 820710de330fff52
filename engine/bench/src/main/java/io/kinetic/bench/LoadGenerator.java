package io.kinetic.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Closed-loop HTTP load generator. Output contract: human-readable lines, then as the last stdout
 * line one JSON object (see {@link Result#toJson()}). Progress goes to stderr. {@code @write} and {@code @staff} lines
 * are sent with a staff token from {@code --admin-login PATH} (credentials from the environment,
 * see {@link AdminSession}). Exit status 1 when no request succeeded inside the measurement window
 * or the admin login failed, 2 on bad arguments.
 */
public final class LoadGenerator {

  private static final String USAGE = "usage: LoadGenerator --url-file FILE --base http://127.0.0.1:PORT"
      + " [--connections 64] [--duration 15s] [--warmup 5s] [--name NAME] [--event-loops 2]"
      + " [--admin-login /api/v1/admin/auth/login] [--per-request N --unit events] [--server-pid PID]";

  private LoadGenerator() {
  }

  public static void main(String[] argv) throws Exception {
    Config config;
    try {
      config = Config.from(Args.parse(argv,
          Set.of("url-file", "base", "connections", "duration", "warmup", "name", "event-loops", "admin-login",
              "per-request", "unit", "server-pid"), Set.of()));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    Result result;
    CpuShare cpu;
    try {
      Run run = run(config);
      result = run.result();
      cpu = run.cpu();
    } catch (Exception e) {
      System.err.println(config.name() + ": " + e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println(result.humanLine(config.connections(), seconds(config.duration())));
    var json = units(result, config.perRequest(), config.unit());
    var share = cpu.result(result.requests() - result.errors(), "request");
    if (share != null) {
      System.out.println(CpuShare.humanLine(config.name(), share));
      json.put("cpu", share);
    }
    System.out.println(json.encode());
    System.out.flush();
    System.exit(result.requests() > result.errors() ? 0 : 1);
  }

  /** A run's numbers and where the CPU went in its measurement window. */
  record Run(Result result, CpuShare cpu) {
  }

  static Run run(Config config) throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(config.eventLoops()).setPreferNativeTransport(true));
    try {
      boolean writes = config.requests().stream().anyMatch(RequestLine::write);
      AdminSession admin = null;
      if (config.requests().stream().anyMatch(RequestLine::needsStaff)) {
        if (config.adminLogin() == null) {
          throw new IllegalArgumentException("the url file has @write or @staff lines: pass --admin-login PATH");
        }
        admin = AdminSession.start(vertx, config.base(), config.adminLogin()).await(30, TimeUnit.SECONDS);
      }
      long windowStart = System.nanoTime() + config.warmup().toNanos();
      CpuShare cpu = CpuShare.during(windowStart, windowStart + config.duration().toNanos(), config.serverPid());
      Measurement measurement = new Measurement(windowStart, windowStart + config.duration().toNanos(), config.warmup().toNanos());
      List<Future<Void>> drained = new ArrayList<>();
      for (int i = 0; i < config.eventLoops(); i++) {
        int share = config.connections() / config.eventLoops() + (i < config.connections() % config.eventLoops() ? 1 : 0);
        LoadWorker worker = new LoadWorker(config.base(), config.requests(), share, measurement, admin);
        vertx.deployVerticle(worker).await(30, TimeUnit.SECONDS);
        drained.add(worker.drained());
      }
      System.err.printf("%s: %d connections on %d event loop(s), warm-up %s, measuring %s against %s%n",
          config.name(), config.connections(), config.eventLoops(), seconds(config.warmup()), seconds(config.duration()),
          config.base());
      sleepUntil(windowStart + config.duration().toNanos());
      measurement.stop();
      // In-flight requests finish (or time out) before the numbers are read, so none is lost mid-record.
      try {
        Future.all(drained).await(LoadWorker.REQUEST_TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        System.err.println(config.name() + ": some requests were still in flight after the drain timeout");
      }
      return new Run(measurement.result(config.name(), writes), cpu);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /**
   * The result JSON; with {@code perRequest} > 1 (each request carries that many units, e.g. events
   * per batch), {@code rps} counts units per second, {@code unit} names them and {@code http} holds
   * the requests' own numbers (latencies stay per request).
   */
  static io.vertx.core.json.JsonObject units(Result result, int perRequest, String unit) {
    var json = result.toJson();
    if (perRequest <= 1) {
      return json;
    }
    System.out.printf(java.util.Locale.ROOT, "%s: %.1f %s/s (%d per request)%n", result.name(), result.rps() * perRequest, unit,
        perRequest);
    return json.put("http", result.all().toJson()).put("unit", unit).put("rps", Result.round(result.rps() * perRequest, 1));
  }

  private static String seconds(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() / 1000.0 + "s";
  }

  private static void sleepUntil(long deadlineNanos) throws InterruptedException {
    long remaining;
    while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(200)));
    }
  }

  record Config(URI base, List<RequestLine> requests, int connections, Duration duration, Duration warmup,
      String name, int eventLoops, String adminLogin, int perRequest, String unit, long serverPid) {

    static Config from(Args args) throws IllegalArgumentException {
      URI base = URI.create(args.require("base"));
      if (!"http".equals(base.getScheme()) || base.getHost() == null) {
        throw new IllegalArgumentException("--base must be an http://host[:port] URL: " + base);
      }
      if (base.getPort() < 0) {
        base = URI.create("http://" + base.getHost() + ":80" + (base.getRawPath() == null ? "" : base.getRawPath()));
      }
      Path file = Path.of(args.require("url-file"));
      List<RequestLine> requests;
      try {
        requests = RequestLine.load(file);
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("cannot read --url-file " + file + " (" + e.getClass().getSimpleName() + ")");
      }
      int connections = args.intValue("connections", 64);
      if (connections < 1) {
        throw new IllegalArgumentException("--connections must be >= 1");
      }
      Duration duration = args.duration("duration", "15s");
      if (duration.isZero() || duration.isNegative()) {
        throw new IllegalArgumentException("--duration must be > 0");
      }
      Duration warmup = args.duration("warmup", "5s");
      String fallbackName = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
      int eventLoops = Math.max(1, Math.min(connections, args.intValue("event-loops", 2)));
      return new Config(base, requests, connections, duration, warmup.isNegative() ? Duration.ZERO : warmup,
          args.get("name", fallbackName), eventLoops, args.get("admin-login", null), Math.max(1, args.intValue("per-request", 1)),
          args.get("unit", "requests"), Long.parseLong(args.get("server-pid", "0")));
    }
  }
}
