package io.kinetic.gateway.idempotency;

import io.kinetic.gateway.AccessHandler;
import io.kinetic.gateway.ClientAddress;
import io.kinetic.gateway.Principal;
import io.kinetic.gateway.Requests;
import io.kinetic.gateway.idempotency.KeyStore.Entry;
import io.kinetic.gateway.idempotency.ResponseRecording.Captured;
import io.kinetic.gateway.idempotency.ResponseRecording.Recording;
import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.log.Logs;
import io.kinetic.kernel.redis.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Idempotency keys on every write: a REST operation other than GET, HEAD and OPTIONS, or a GraphQL
 * request holding one mutation, sent with {@value #HEADER}, runs once per caller and key; the
 * same request again gets the first answer again (status, body, headers such as content type,
 * {@code Location}, {@code ETag}, {@code Set-Cookie}, {@code X-Cart-Token}, plus
 * {@value #REPLAYED}{@code : true}) and changes nothing.
 *
 * <ul>
 * <li><b>Key.</b> 1 to {@value #MAX_KEY_LENGTH} printable ASCII characters (U+0020..U+007E), one
 * header; anything else is 400 {@code VALIDATION_FAILED} on the field {@value #HEADER}.</li>
 * <li><b>Scope.</b> Keys belong to the caller: the authenticated principal ({@code customer:<id>},
 * {@code staff:<id>}); for anonymous callers the guest cart token ({@code X-Cart-Token}) when sent,
 * else the client address ({@link ClientAddress}), and in both cases the cookies sent (the refresh
 * cookie of the web UI), so that nobody replays an answer made for somebody else's credentials.
 * With a key, a bearer token sent to a public operation must be valid (401 otherwise): it names the
 * scope.</li>
 * <li><b>Same request.</b> Method, path, query string and a SHA-256 of the body. The same key with
 * another request is 422 {@code IDEMPOTENCY_KEY_REUSED}.</li>
 * <li><b>Concurrency.</b> Exactly one request holds a key at a time ({@link KeyStore}: SET NX PX);
 * another one with the same key waits up to {@code idempotency.waitMillis} for the answer and
 * replays it, else gets 409 {@code IDEMPOTENCY_IN_PROGRESS}. The marker of a request in progress
 * expires after {@code idempotency.pendingSeconds}, so a key survives a crashed process.</li>
 * <li><b>What is kept</b> for {@code idempotency.ttlSeconds}: every answer of a request that
 * reached its operation, except 5xx, 429 and the 409 of an order's placement from the same cart
 * still running (and a GraphQL mutation whose field failed so): then
 * the key is freed and a retry runs the operation. Failures before the operation (access,
 * validation of the contract, body limits) hold no key. Answers over {@value #MAX_KEPT_BYTES}
 * bytes are not kept either. Records are sealed ({@link Sealing}).</li>
 * <li><b>Cost.</b> A request without the header costs a header lookup: no Redis call, no
 * recording. Without Redis configured, a request with a key is 503.</li>
 * </ul>
 *
 * GraphQL: the key covers a POST whose document holds exactly one mutation operation with one
 * root field ({@link GraphQlRequests}); anything else holding a mutation is answered with a
 * {@code VALIDATION_FAILED} GraphQL error naming {@value #HEADER}, and queries simply run.
 * One instance per gateway verticle instance.
 */
public final class IdempotencyKeys {

  public static final String HEADER = "Idempotency-Key";
  public static final String REPLAYED = "Idempotent-Replayed";
  static final int MAX_KEY_LENGTH = 255;
  static final int MAX_KEPT_BYTES = 1024 * 1024;
  /** The guest cart's token (the cart edge's header), naming an anonymous caller. */
  static final String CART_TOKEN = "X-Cart-Token";
  private static final String HOLDS_KEY = "kinetic.idempotency.holdsKey";
  private static final String NOT_KEPT = "kinetic.idempotency.notKept";
  private static final long FIRST_PAUSE_MILLIS = 5;
  private static final long MAX_PAUSE_MILLIS = 100;
  /** Rounds of "taken, then gone before it could be read": the key keeps changing hands; give up. */
  private static final int MAX_ROUNDS = 50;
  private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class.getName());

  private final Vertx vertx;
  private final KeyStore store;
  private final Sealing sealing;
  private final AccessHandler access;
  private final ClientAddress clientAddress;
  private final GraphQlRequests graphQl;
  private final long waitMillis;

  private IdempotencyKeys(Vertx vertx, KeyStore store, Sealing sealing, AccessHandler access, ClientAddress clientAddress,
                          GraphQlRequests graphQl, long waitMillis) {
    this.vertx = vertx;
    this.store = store;
    this.sealing = sealing;
    this.access = access;
    this.clientAddress = clientAddress;
    this.graphQl = graphQl;
    this.waitMillis = waitMillis;
  }

  /** For one gateway verticle instance: its Redis client connects on first use (a request with a key). */
  public static IdempotencyKeys create(Vertx vertx, AppConfig config, AccessHandler access, ClientAddress clientAddress) {
    KeyStore store = null;
    if (config.redis().configured()) {
      int connections = Math.max(2, config.redis().poolSize() / AppConfig.instances(config.http().instances()));
      store = new KeyStore(RedisClients.pipelined(vertx, config.redis().url(), connections, "idempotency"),
        TimeUnit.SECONDS.toMillis(config.idempotency().ttlSeconds()), TimeUnit.SECONDS.toMillis(config.idempotency().pendingSeconds()));
    }
    return new IdempotencyKeys(vertx, store, new Sealing(config.auth().jwtSecret()), access, clientAddress,
      new GraphQlRequests(config.graphql().maxTokens()), config.idempotency().waitMillis());
  }

  /** Whether requests of {@code method} are writes a key applies to: all but GET, HEAD and OPTIONS. */
  public static boolean writes(HttpMethod method) {
    return method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS;
  }

  /** The server's request handler: {@code router} behind the recording of answers to requests with a key. */
  public Handler<HttpServerRequest> recording(Handler<HttpServerRequest> router) {
    return ResponseRecording.wrapping(router);
  }

  /** For every REST write of the contract, after access and validation, before the edge's handler. */
  public Handler<RoutingContext> rest() {
    return rc -> {
      List<String> keys = rc.request().headers().getAll(HEADER);
      if (keys.isEmpty() || !writes(rc.request().method())) {
        rc.next();
        return;
      }
      String key = valid(rc, keys);
      if (key != null) {
        attempt(rc, key);
      }
    };
  }

  /** For the GraphQL endpoints, after the access check, before the GraphQL handler. */
  public Handler<RoutingContext> graphQl() {
    return rc -> {
      List<String> keys = rc.request().headers().getAll(HEADER);
      if (keys.isEmpty() || rc.request().method() != HttpMethod.POST) {
        rc.next(); // a GET never runs a mutation (METHOD_NOT_ALLOWED)
        return;
      }
      String key = valid(rc, keys);
      if (key == null) {
        return;
      }
      GraphQlRequests.Verdict verdict = graphQl.inspect(rc);
      if (verdict instanceof GraphQlRequests.Mutation) {
        attempt(rc, key);
      } else if (verdict instanceof GraphQlRequests.Refused refused) {
        graphQlError(rc, refused.reason());
      } else {
        rc.next();
      }
    };
  }

  /**
   * Called by the GraphQL mutation fetchers when their field fails, and by the problem answer of a
   * REST operation: an answer whose operation failed for the moment ({@link ErrorCode#passing()}:
   * 5xx, 429, {@code CHECKOUT_IN_PROGRESS}) is not kept, so a retry runs it again.
   */
  public static void failed(RoutingContext rc, Throwable failure) {
    if (rc != null && rc.get(HOLDS_KEY) != null && Failure.from(failure).errorCode().passing()) {
      rc.put(NOT_KEPT, Boolean.TRUE);
    }
  }

  public Future<Void> close() {
    if (store != null) {
      store.close();
    }
    return Future.succeededFuture();
  }

  /** The key, or null after failing {@code rc} with VALIDATION_FAILED. */
  private static String valid(RoutingContext rc, List<String> keys) {
    String problem = problem(keys);
    if (problem == null) {
      return keys.get(0);
    }
    rc.fail(Failure.invalid(HEADER, problem));
    return null;
  }

  /** What is wrong with the header's values, null when they are one valid key. */
  static String problem(List<String> values) {
    if (values.size() != 1) {
      return "send one key";
    }
    String key = values.get(0);
    if (key.isEmpty()) {
      return "must not be empty";
    }
    if (key.length() > MAX_KEY_LENGTH) {
      return "must be at most " + MAX_KEY_LENGTH + " characters";
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        return "must be printable ASCII characters (U+0020 to U+007E) only";
      }
    }
    return null;
  }

  static boolean kept(int status) {
    return status < 500 && status != 429;
  }

  private void attempt(RoutingContext rc, String key) {
    Recording recording = ResponseRecording.of(rc.response());
    if (store == null || recording == null) {
      rc.fail(ErrorCode.SERVICE_UNAVAILABLE.failure("idempotency keys are not available on this server"));
      return;
    }
    Buffer body = rc.body() == null ? null : rc.body().buffer();
    String fingerprint = Sealing.fingerprint(rc.request().method().name(), rc.normalizedPath(), rc.request().query(),
      body == null ? new byte[0] : body.getBytes());
    scope(rc).onComplete(scope -> {
      if (scope.failed()) {
        rc.fail(scope.cause());
      } else {
        new Attempt(rc, recording, sealing.name(scope.result(), key), fingerprint).begin();
      }
    });
  }

  /** Whose keys: see the class comment. */
  private Future<String> scope(RoutingContext rc) {
    Principal principal = Requests.principal(rc);
    if (principal != null) {
      return Future.succeededFuture(principal.actor());
    }
    if (AccessHandler.bearerToken(rc) == null) {
      return Future.succeededFuture(anonymous(rc));
    }
    return access.optionalPrincipal(rc).map(verified -> verified == null ? anonymous(rc) : verified.actor());
  }

  private String anonymous(RoutingContext rc) {
    String cart = rc.request().getHeader(CART_TOKEN);
    String who = cart != null && !cart.isBlank() ? "cart:" + cart.strip() : "client:" + clientAddress.of(rc);
    String cookies = rc.request().getHeader(HttpHeaders.COOKIE);
    return cookies == null ? who : who + "\ncookies:" + cookies;
  }

  /** A GraphQL request the key cannot cover: a typed error, as for other refused documents; nothing runs. */
  private static void graphQlError(RoutingContext rc, String reason) {
    var error = new JsonObject()
      .put("message", HEADER + ": " + reason)
      .put("extensions", new JsonObject()
        .put("code", ErrorCode.VALIDATION_FAILED.string())
        .put("errors", new JsonArray().add(new JsonObject().put("field", HEADER).put("message", reason))));
    rc.response().setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
      .end(new JsonObject().put("errors", new JsonArray().add(error)).toBuffer());
  }

  /** One request's way through its key: take it and run, replay, wait, or refuse. */
  private final class Attempt {

    private final RoutingContext rc;
    private final Recording recording;
    private final String name;
    private final String fingerprint;
    private final String marker;
    private final long deadline;
    private long pause = FIRST_PAUSE_MILLIS;
    private int rounds;

    Attempt(RoutingContext rc, Recording recording, String name, String fingerprint) {
      this.rc = rc;
      this.recording = recording;
      this.name = name;
      this.fingerprint = fingerprint;
      var random = ThreadLocalRandom.current();
      this.marker = Entry.pending(fingerprint, Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()));
      this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
    }

    void begin() {
      if (++rounds > MAX_ROUNDS) {
        inProgress();
        return;
      }
      store.begin(name, marker).onComplete(taken -> {
        if (taken.failed()) {
          unavailable(taken.cause());
        } else if (taken.result()) {
          run();
        } else {
          read();
        }
      });
    }

    private void read() {
      store.read(name).onComplete(entry -> {
        if (entry.failed()) {
          unavailable(entry.cause());
        } else {
          examine(entry.result());
        }
      });
    }

    private void examine(Entry entry) {
      if (entry == null) {
        begin(); // freed (or expired) since: take it
      } else if (!entry.fingerprint().equals(fingerprint)) {
        rc.fail(ErrorCode.IDEMPOTENCY_KEY_REUSED.failure(
          "this Idempotency-Key was used for a different request (method, path, query or body): use a new key"));
      } else if (entry.done()) {
        replay(entry);
      } else if (System.nanoTime() - deadline >= 0) {
        inProgress();
      } else {
        long delay = pause;
        pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
        vertx.setTimer(delay, id -> read());
      }
    }

    private void run() {
      rc.put(HOLDS_KEY, Boolean.TRUE);
      recording.arm(this::finish);
      rc.next();
    }

    private void finish(Captured answer) {
      boolean keep = answer.complete() && kept(answer.status()) && rc.get(NOT_KEPT) == null
        && answer.body().length() <= MAX_KEPT_BYTES;
      Future<Boolean> stored;
      try {
        stored = keep
          ? store.complete(name, marker, Entry.done(fingerprint, sealing.seal(Answer.of(answer).toBytes(), name)))
          : store.release(name, marker);
      } catch (RuntimeException e) {
        stored = Future.failedFuture(e);
      }
      stored.onComplete(done -> {
        if (done.failed()) {
          LOG.warning(Logs.withCorrelation(Requests.correlationId(rc), "idempotency key of " + rc.request().method() + " "
            + rc.request().path() + " not " + (keep ? "kept" : "freed") + " (its marker expires): " + done.cause()));
        } else if (!done.result()) {
          LOG.warning(Logs.withCorrelation(Requests.correlationId(rc), "idempotency key of " + rc.request().method() + " "
            + rc.request().path() + ": its marker expired before the answer, which is not kept"));
        }
      });
    }

    private void replay(Entry entry) {
      Answer answer;
      try {
        answer = Answer.fromBytes(sealing.open(entry.payload(), name));
      } catch (Exception e) {
        rc.fail(ErrorCode.INTERNAL.failure("the answer kept for this Idempotency-Key cannot be read: " + e));
        return;
      }
      answer.replay(rc.response());
    }

    private void inProgress() {
      rc.fail(ErrorCode.IDEMPOTENCY_IN_PROGRESS.failure(
        "a request with this Idempotency-Key is still running: retry later with the same key for its answer"));
    }

    private void unavailable(Throwable cause) {
      rc.fail(ErrorCode.SERVICE_UNAVAILABLE.failure("idempotency keys are unavailable at the moment: " + cause.getMessage()));
    }
  }
}
