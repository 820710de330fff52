package io.kinetic.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Drives {@code connections} closed loops on one event loop: each loop sends its next request only
 * after the previous response body has fully arrived, so concurrency never exceeds the pool size.
 * start() completes once every loop has drained after the measurement window.
 */
final class LoadWorker extends VerticleBase {

  static final long REQUEST_TIMEOUT_MS = 30_000;
  private static final long ERROR_BACKOFF_MS = 10;

  private final URI base;
  private final String basePath;
  private final List<RequestLine> requests;
  private final int connections;
  private final Measurement measurement;
  private final AdminSession admin;
  private final Promise<Void> drained = Promise.promise();
  private HttpClient client;

  /** {@code admin}: the staff session for {@code @write} and {@code @staff} lines, null when there are none. */
  LoadWorker(URI base, List<RequestLine> requests, int connections, Measurement measurement, AdminSession admin) {
    this.base = base;
    this.basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
    this.requests = requests;
    this.connections = connections;
    this.measurement = measurement;
    this.admin = admin;
  }

  /** Completes when all loops of this worker have stopped. */
  Future<Void> drained() {
    return drained.future();
  }

  @Override
  public Future<?> start() {
    client = vertx.createHttpClient(
        new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setPipelining(false),
        new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    List<Future<Void>> loops = new ArrayList<>(connections);
    for (int i = 0; i < connections; i++) {
      Promise<Void> done = Promise.promise();
      loops.add(done.future());
      next(done);
    }
    Future.all(loops).onComplete(ar -> drained.tryComplete());
    return Future.succeededFuture();
  }

  private void next(Promise<Void> done) {
    if (measurement.stopped()) {
      done.tryComplete();
      return;
    }
    RequestLine line = requests.get(ThreadLocalRandom.current().nextInt(requests.size()));
    long start = System.nanoTime();
    send(line).onComplete(ar -> {
      if (ar.succeeded() && ar.result() >= 200 && ar.result() < 300) {
        measurement.success(start, line.write());
        next(done);
      } else if (ar.succeeded()) {
        measurement.error(line.write());
        next(done);
      } else {
        measurement.error(line.write());
        // An instantly failing target (refused connection, reset) must not turn into a busy spin.
        vertx.setTimer(ERROR_BACKOFF_MS, id -> next(done));
      }
    });
  }

  private Future<Integer> send(RequestLine line) {
    RequestOptions options = new RequestOptions()
        .setMethod(line.method())
        .setHost(base.getHost())
        .setPort(base.getPort())
        .setURI(basePath + line.path())
        .setIdleTimeout(REQUEST_TIMEOUT_MS);
    if (line.needsStaff()) {
      options.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + admin.token());
    }
    line.headers().forEach(options::putHeader);
    return client.request(options).compose(req -> dispatch(req, line))
        .compose(resp -> resp.body().map(body -> resp.statusCode()));
  }

  private static Future<HttpClientResponse> dispatch(HttpClientRequest req, RequestLine line) {
    if (line.body() == null) {
      return req.send();
    }
    req.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    return req.send(line.bodyBuffer());
  }

  @Override
  public Future<?> stop() {
    return client == null ? Future.succeededFuture() : client.close();
  }
}
