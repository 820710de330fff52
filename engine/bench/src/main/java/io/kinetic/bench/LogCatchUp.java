package io.kinetic.bench;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Waits until the engine's durable consumers have applied its event logs, read from the admin
 * event-log health ({@value #HEALTH}): every chosen reader of the chosen logs 0 events behind and
 * nothing unlogged, twice in a row a second apart. Only readers that read within the last
 * {@value #ALIVE_SECONDS} s count: a consumer of an earlier run that is not deployed now (its
 * reader row stays, e.g. the OpenSearch one after a {@code --backend opensearch} run) would never
 * catch up. A scenario whose setup writes (staff setting stock emits one catalog event per variant,
 * and search and recommendations re-read each product) waits for this before its warm-up, so that
 * it measures its own load and not the setup's backlog.
 */
final class LogCatchUp {

  static final String HEALTH = "/api/v1/admin/health/events";
  static final long ALIVE_SECONDS = 60;

  /** How the catch-up went: events behind at the start, and the seconds it took. */
  record Result(long firstBehind, double seconds) {

    String describe(String what) {
      return String.format(Locale.ROOT, "%s caught up: %d events behind at the start, applied in %.1f s (%.0f events/s)",
          what, firstBehind, seconds, firstBehind / Math.max(seconds, 0.001));
    }
  }

  private LogCatchUp() {
  }

  /**
   * {@link #await}, for a scenario's setup: prints how it went, and when the wait fails (timed out,
   * the staff token refused, the engine unreachable for a moment) says so and lets the scenario go
   * on, since the wait only keeps the setup's backlog out of the window.
   */
  static void bestEffort(URI engine, java.util.function.Supplier<String> bearer, Predicate<String> sources,
                         Predicate<String> consumers, String what, Duration timeout) {
    try {
      System.err.println(await(engine, bearer, sources, consumers, what, timeout).describe(what));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.err.println(what + ": the wait was interrupted; measuring anyway");
    } catch (Exception e) {
      System.err.println(what + ": not seen caught up (" + e.getMessage() + "); measuring anyway");
    }
  }

  /**
   * How many events each reader (that read within the last {@value #ALIVE_SECONDS} s) of the logs
   * {@code sources} has still to apply, by consumer name, from one read of the health.
   */
  static java.util.Map<String, Long> behind(URI engine, String bearer, Predicate<String> sources) throws Exception {
    return health(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), engine, bearer, sources).behind();
  }

  /** One read of the health: what each live reader of the chosen logs has still to apply, and the events not logged yet. */
  private record Health(java.util.Map<String, Long> behind, long unlogged) {
  }

  private static Health health(HttpClient http, URI engine, String bearer, Predicate<String> sources) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(engine.resolve(HEALTH)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + HEALTH + " answered " + response.statusCode() + ": " + response.body());
    }
    java.time.Instant alive = java.time.Instant.now().minusSeconds(ALIVE_SECONDS);
    var behind = new java.util.TreeMap<String, Long>();
    long unlogged = 0;
    for (Object log : new JsonObject(response.body()).getJsonArray("logs")) {
      JsonObject l = (JsonObject) log;
      if (!sources.test(l.getString("source"))) {
        continue;
      }
      unlogged += l.getLong("unlogged");
      for (Object reader : l.getJsonArray("readers")) {
        JsonObject r = (JsonObject) reader;
        Object readAt = r.getValue("readAt");
        if (readAt != null && (!(readAt instanceof String at) || java.time.Instant.parse(at).isAfter(alive))) {
          behind.merge(r.getString("consumer"), r.getLong("eventsBehind"), Long::sum);
        }
      }
    }
    return new Health(behind, unlogged);
  }

  /**
   * Polls until caught up; fails (IllegalStateException) after {@code timeout}. {@code sources}: the
   * logs (by context) to watch; {@code consumers}: the readers of them that count. {@code bearer}
   * gives the staff token to use at each poll (it may be renewed meanwhile).
   */
  static Result await(URI engine, java.util.function.Supplier<String> bearer, Predicate<String> sources,
                      Predicate<String> consumers, String what, Duration timeout) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long first = -1;
    int quiet = 0;
    long lastReport = start;
    while (System.nanoTime() < deadline) {
      Health health = health(http, engine, bearer.get(), sources);
      long behind = 0;
      for (var e : health.behind().entrySet()) {
        if (consumers.test(e.getKey())) {
          behind += e.getValue();
        }
      }
      long unlogged = health.unlogged();
      first = first < 0 ? behind : first;
      quiet = behind == 0 && unlogged == 0 ? quiet + 1 : 0;
      if (quiet >= 2) {
        return new Result(first, (System.nanoTime() - start) / 1e9);
      }
      if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10)) {
        System.err.printf(Locale.ROOT, "%s: %d events behind%n", what, behind);
        lastReport = System.nanoTime();
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException(what + " did not catch up within " + timeout.toSeconds() + " s");
  }
}
