package io.kinetic.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Before the recommendations scenario: sends each line of {@code --file} (the sessions' behaviour
 * batches written by {@link Targets}) once to the engine, on 8 connections, so that the scenario's
 * sessions have histories and the models have learned from them. Exit 1 when any answer is not 2xx.
 */
public final class RecommendationSetup {

  private static final String USAGE = "usage: RecommendationSetup --engine http://127.0.0.1:PORT --file recommendation_histories.txt";

  private RecommendationSetup() {
  }

  public static void main(String[] argv) throws Exception {
    Args args;
    try {
      args = Args.parse(argv, Set.of("engine", "file"), Set.of());
      args.require("engine");
      args.require("file");
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    URI engine = URI.create(args.require("engine").replaceAll("/+$", ""));
    List<RequestLine> lines = RequestLine.load(Path.of(args.require("file")));
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger events = new AtomicInteger();
    AtomicReference<String> failure = new AtomicReference<>();
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> workers = new java.util.ArrayList<>();
      for (int w = 0; w < 8; w++) {
        workers.add(pool.submit(() -> {
          int i;
          while (failure.get() == null && (i = next.getAndIncrement()) < lines.size()) {
            RequestLine line = lines.get(i);
            String body = line.bodyBuffer().toString();
            var request = HttpRequest.newBuilder(URI.create(engine + line.path())).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").method(line.method().name(), HttpRequest.BodyPublishers.ofString(body))
                .build();
            try {
              HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
              if (response.statusCode() / 100 != 2) {
                failure.compareAndSet(null, line.path() + " answered " + response.statusCode() + ": " + response.body());
              } else {
                events.addAndGet(new io.vertx.core.json.JsonObject(body).getJsonArray("events").size());
              }
            } catch (Exception e) {
              failure.compareAndSet(null, line.path() + ": " + e);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : workers) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    if (failure.get() != null) {
      System.err.println("recommendation setup: " + failure.get());
      System.exit(1);
    }
    System.err.printf("recommendation setup: %d sessions' histories (%d events) sent in %d ms%n", lines.size(), events.get(),
        (System.nanoTime() - started) / 1_000_000);
  }
}
