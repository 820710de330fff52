package io.kinetic.bench;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Follows real {@code nextCursor}s on the running engine: for each first page of a product list it
 * fetches up to {@code pages} pages and returns the paths of those that answered 200 with at least
 * one product (a filter that matches nothing is dropped rather than benchmarked as an empty page).
 * Cursors are opaque and signed by the engine, so they can only come from it.
 */
final class CursorWalker implements AutoCloseable {

  private static final int PARALLEL = 8;

  private final URI engine;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);

  CursorWalker(URI engine) {
    this.engine = engine;
  }

  /** The pages of every first page, in the order given; each list holds page 1, 2, ... */
  List<List<String>> walk(List<String> firstPages, int pages) throws Exception {
    List<Future<List<String>>> chains = new ArrayList<>();
    for (String first : firstPages) {
      chains.add(pool.submit(() -> chain(first, pages)));
    }
    List<List<String>> out = new ArrayList<>();
    for (Future<List<String>> chain : chains) {
      out.add(chain.get());
    }
    return out;
  }

  private List<String> chain(String first, int pages) throws Exception {
    List<String> out = new ArrayList<>();
    String path = first;
    for (int page = 0; page < pages && path != null; page++) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(engine.resolve(path))
          .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      JsonObject body = new JsonObject(response.body());
      if (body.getJsonArray("items").isEmpty()) {
        break;
      }
      out.add(path);
      String cursor = body.getString("nextCursor");
      path = cursor == null ? null : first + "&after=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
    }
    return out;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
