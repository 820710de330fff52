package io.kinetic.gateway.subscriptions;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import io.kinetic.gateway.AccessHandler;
import io.kinetic.gateway.ClientFailures;
import io.kinetic.gateway.Principal;
import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.json.Json;
import io.kinetic.kernel.log.Logs;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * One WebSocket connection speaking {@code graphql-transport-ws} (the protocol of graphql-ws):
 * {@code connection_init} within {@code initTimeoutSeconds} (else close 4408), answered by
 * {@code connection_ack} once its {@code authorization} (a bearer access token) is verified (a
 * forged, expired or revoked one closes 4403); then {@code subscribe} / {@code next} /
 * {@code error} / {@code complete} per operation id, and {@code ping} / {@code pong} both ways.
 * Protocol violations close the socket as the protocol says: an unparsable or unknown message
 * 4400, {@code subscribe} before the acknowledgement 4401, a second {@code connection_init} 4429,
 * an operation id already running 4409, a client that does not speak the sub-protocol 4406.
 * Beyond {@code maxPerConnection} running operations a {@code subscribe} gets an {@code error}
 * ({@code RATE_LIMITED}) and the connection stays. A client silent for half of
 * {@code idleTimeoutSeconds} is pinged; one silent for all of it is closed (4408 "Idle timeout").
 * The connection closes 4403 when its access token expires (clients reconnect with a fresh one).
 * Queries run too (the shop API's limits apply; the result is one {@code next} then
 * {@code complete}); mutations are refused ({@code METHOD_NOT_ALLOWED}: they are sent with POST).
 *
 * <p>Everything runs on the event loop of the gateway instance that accepted the connection.
 */
final class GraphQlWsConnection {

  static final String PROTOCOL = "graphql-transport-ws";

  static final short BAD_REQUEST = 4400;
  static final short UNAUTHORIZED = 4401;
  static final short FORBIDDEN = 4403;
  static final short SUBPROTOCOL_NOT_ACCEPTABLE = 4406;
  static final short TIMEOUT = 4408;
  static final short SUBSCRIBER_EXISTS = 4409;
  static final short TOO_MANY_INITIALISATIONS = 4429;
  static final short GOING_AWAY = 1001;
  static final short MESSAGE_TOO_BIG = 1009;

  private static final Logger LOG = Logger.getLogger(GraphQlWsConnection.class.getName());
  private static final int MAX_ID_LENGTH = 128;
  private static final int MAX_CART_TOKEN_LENGTH = 512;
  private static final String BEARER = "bearer ";

  private enum State { WAITING_INIT, INITIALISING, READY, CLOSED }

  private final Vertx vertx;
  private final Context context;
  private final ServerWebSocket ws;
  private final GraphQL graphQl;
  private final AppConfig.Subscriptions limits;
  private final AccessHandler access;
  private final LiveStats stats;
  private final String clientIp;
  private final String connectionId;
  private final String acceptLanguage;
  private final Principal upgradePrincipal;
  private final Long upgradeExpiry;
  private final Map<String, Operation> operations = new HashMap<>();
  private final Set<Operation> waitingForDrain = new LinkedHashSet<>();

  private State state = State.WAITING_INIT;
  private LiveCaller caller;
  private long initTimer = -1;
  private long idleTimer = -1;
  private long expiryTimer = -1;
  private long lastHeard = System.nanoTime();
  private boolean pinged;
  private boolean released;

  /**
   * {@code upgradePrincipal}: the subject of the upgrade request's own (verified) bearer token, null without one;
   * {@code upgradeToken} that token. The caller has taken a connection slot of {@code clientIp}; {@link #start} gives
   * it back when the socket closes.
   */
  GraphQlWsConnection(Vertx vertx, ServerWebSocket ws, GraphQL graphQl, AppConfig.Subscriptions limits, AccessHandler access,
                      String clientIp, String connectionId, String acceptLanguage, Principal upgradePrincipal,
                      String upgradeToken) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.ws = ws;
    this.graphQl = graphQl;
    this.limits = limits;
    this.access = access;
    this.stats = LiveStats.of(vertx);
    this.clientIp = clientIp;
    this.connectionId = connectionId;
    this.acceptLanguage = acceptLanguage;
    this.upgradePrincipal = upgradePrincipal;
    this.upgradeExpiry = upgradePrincipal == null || upgradeToken == null ? null : expiresAt(upgradeToken);
  }

  void start() {
    ws.closeHandler(v -> closed());
    ws.exceptionHandler(this::failed);
    ws.shutdownHandler(v -> close(GOING_AWAY, "The server is shutting down"));
    if (ws.isClosed()) {
      closed();
      return;
    }
    if (!PROTOCOL.equals(ws.subProtocol())) {
      close(SUBPROTOCOL_NOT_ACCEPTABLE, "Subprotocol not acceptable");
      return;
    }
    ws.textMessageHandler(this::onText);
    ws.binaryMessageHandler(binary -> close(BAD_REQUEST, "Invalid message received: messages are JSON text"));
    ws.pongHandler(pong -> heard());
    ws.drainHandler(v -> drained());
    initTimer = vertx.setTimer(limits.initTimeoutSeconds() * 1000L, id -> {
      initTimer = -1;
      if (state == State.WAITING_INIT) {
        close(TIMEOUT, "Connection initialisation timeout");
      }
    });
    long idleMillis = limits.idleTimeoutSeconds() * 1000L;
    idleTimer = vertx.setPeriodic(Math.max(250, idleMillis / 4), id -> checkIdle(idleMillis));
  }

  // ---- messages from the client

  private void onText(String text) {
    if (state == State.CLOSED) {
      return;
    }
    heard();
    Map<String, Object> message;
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> parsed = Json.MAPPER.readValue(text, Map.class);
      message = parsed;
    } catch (Exception | StackOverflowError e) {
      close(BAD_REQUEST, "Invalid message received");
      return;
    }
    if (message == null || !(message.get("type") instanceof String type)) {
      close(BAD_REQUEST, "Invalid message received: no type");
      return;
    }
    switch (type) {
      case "connection_init" -> init(message.get("payload"));
      case "ping" -> pong(message.get("payload"));
      case "pong" -> { }
      case "subscribe" -> subscribe(message);
      case "complete" -> complete(message.get("id"));
      default -> close(BAD_REQUEST, "Invalid message received: unexpected type " + abbreviate(type));
    }
  }

  private void init(Object payload) {
    if (state != State.WAITING_INIT) {
      close(TOO_MANY_INITIALISATIONS, "Too many initialisation requests");
      return;
    }
    if (payload != null && !(payload instanceof Map)) {
      close(BAD_REQUEST, "Invalid message received: connection_init payload must be an object");
      return;
    }
    Map<?, ?> params = payload == null ? Map.of() : (Map<?, ?>) payload;
    Object authorization = param(params, "authorization");
    Object cartToken = params.get("cartToken");
    if (cartToken != null && !(cartToken instanceof String token && !token.isEmpty() && token.length() <= MAX_CART_TOKEN_LENGTH
      && token.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
      close(BAD_REQUEST, "Invalid message received: cartToken must be a short printable string");
      return;
    }
    cancelTimer(initTimer);
    initTimer = -1;
    state = State.INITIALISING;
    if (authorization == null) {
      ready(upgradePrincipal, (String) cartToken, upgradeExpiry);
      return;
    }
    String token = bearer(authorization);
    if (token == null) {
      close(FORBIDDEN, "Forbidden: authorization must be \"Bearer <access token>\"");
      return;
    }
    access.verify(token).onComplete(ar -> onContext(() -> {
      if (state != State.INITIALISING) {
        return;
      }
      if (ar.failed()) {
        close(FORBIDDEN, "Forbidden: the access token is invalid or expired");
      } else {
        ready(ar.result(), (String) cartToken, expiresAt(token));
      }
    }));
  }

  private void ready(Principal principal, String cartToken, Long expiresAtSeconds) {
    caller = new LiveCaller(connectionId, principal, cartToken, clientIp, acceptLanguage);
    state = State.READY;
    if (expiresAtSeconds != null) {
      long millis = Math.max(1, expiresAtSeconds * 1000 - System.currentTimeMillis());
      expiryTimer = vertx.setTimer(millis, id -> close(FORBIDDEN, "Forbidden: the access token expired"));
    }
    send(Map.of("type", "connection_ack"));
  }

  private void pong(Object payload) {
    var pong = new LinkedHashMap<String, Object>();
    pong.put("type", "pong");
    if (payload instanceof Map<?, ?>) {
      pong.put("payload", payload);
    }
    send(pong);
  }

  private void subscribe(Map<String, Object> message) {
    if (state != State.READY) {
      close(UNAUTHORIZED, "Unauthorized");
      return;
    }
    String id = id(message.get("id"));
    if (id == null) {
      return;
    }
    if (!(message.get("payload") instanceof Map<?, ?> payload) || !(payload.get("query") instanceof String query)) {
      close(BAD_REQUEST, "Invalid message received: subscribe needs a payload with a query");
      return;
    }
    Object variables = payload.get("variables");
    Object operationName = payload.get("operationName");
    if (variables != null && !(variables instanceof Map) || operationName != null && !(operationName instanceof String)) {
      close(BAD_REQUEST, "Invalid message received: variables must be an object, operationName a string");
      return;
    }
    if (operations.containsKey(id)) {
      close(SUBSCRIBER_EXISTS, "Subscriber for " + id + " already exists");
      return;
    }
    if (operations.size() >= limits.maxPerConnection()) {
      sendErrors(id, List.of(error(ErrorCode.RATE_LIMITED, "at most " + limits.maxPerConnection()
        + " operations may run at once on one connection: complete one first")));
      return;
    }
    var operation = new Operation(id);
    operations.put(id, operation);
    stats.operationStarted();
    @SuppressWarnings("unchecked")
    Map<String, Object> values = variables == null ? Map.of() : (Map<String, Object>) variables;
    var input = ExecutionInput.newExecutionInput()
      .query(query)
      .operationName((String) operationName)
      .variables(values)
      .graphQLContext(Map.of(LiveCaller.class, caller))
      .build();
    graphQl.executeAsync(input).whenComplete((result, failure) -> onContext(() -> operation.executed(result, failure)));
  }

  private void complete(Object rawId) {
    String id = id(rawId);
    Operation operation = id == null ? null : operations.get(id);
    if (operation != null) {
      operation.end();
      operation.cancel();
    }
  }

  /** A valid operation id, else null after closing the socket. */
  private String id(Object raw) {
    if (raw instanceof String id && !id.isEmpty() && id.length() <= MAX_ID_LENGTH) {
      return id;
    }
    close(BAD_REQUEST, "Invalid message received: the id must be a non-empty string of at most " + MAX_ID_LENGTH
      + " characters");
    return null;
  }

  // ---- one operation

  /** A running operation: its result stream once execution has started, and whether it ended. */
  private final class Operation implements Subscriber<ExecutionResult> {

    private final String id;
    private Subscription subscription;
    private boolean ended;

    Operation(String id) {
      this.id = id;
    }

    void executed(ExecutionResult result, Throwable failure) {
      if (ended) {
        return;
      }
      if (failure != null) {
        end();
        sendErrors(id, List.of(failureError(failure)));
      } else if (result.getData() instanceof Publisher<?> publisher) {
        @SuppressWarnings("unchecked")
        Publisher<ExecutionResult> results = (Publisher<ExecutionResult>) publisher;
        results.subscribe(this);
      } else if (result.getData() == null && !result.getErrors().isEmpty()) {
        // the operation never ran: invalid, over a limit, refused, or its event stream could not start
        end();
        sendErrors(id, result.getErrors().stream().map(GraphQLError::toSpecification).toList());
      } else {
        end();
        sendNext(id, result);
        send(Map.of("id", id, "type", "complete"));
      }
    }

    @Override
    public void onSubscribe(Subscription s) {
      onContext(() -> {
        subscription = s;
        if (ended) {
          s.cancel();
        } else {
          s.request(1);
        }
      });
    }

    @Override
    public void onNext(ExecutionResult result) {
      onContext(() -> {
        if (ended) {
          return;
        }
        sendNext(id, result);
        if (ws.writeQueueFull()) {
          // a slow client: the live stream merges what it would send until the socket drains
          waitingForDrain.add(this);
        } else {
          subscription.request(1);
        }
      });
    }

    @Override
    public void onError(Throwable failure) {
      onContext(() -> {
        if (!ended) {
          end();
          sendErrors(id, List.of(failureError(failure)));
        }
      });
    }

    @Override
    public void onComplete() {
      onContext(() -> {
        if (!ended) {
          end();
          send(Map.of("id", id, "type", "complete"));
        }
      });
    }

    /** Frees the id and the slot; nothing more is sent for it. */
    void end() {
      if (!ended) {
        ended = true;
        operations.remove(id, this);
        waitingForDrain.remove(this);
        stats.operationEnded();
      }
    }

    void cancel() {
      if (subscription != null) {
        subscription.cancel();
      }
    }

    void resume() {
      if (!ended && subscription != null) {
        subscription.request(1);
      }
    }
  }

  private void drained() {
    var resumed = new ArrayList<>(waitingForDrain);
    waitingForDrain.clear();
    resumed.forEach(Operation::resume);
  }

  // ---- liveness and closing

  private void heard() {
    lastHeard = System.nanoTime();
    pinged = false;
  }

  private void checkIdle(long idleMillis) {
    if (state == State.CLOSED) {
      return;
    }
    long silentMillis = (System.nanoTime() - lastHeard) / 1_000_000;
    if (silentMillis >= idleMillis) {
      close(TIMEOUT, "Idle timeout: nothing received for " + limits.idleTimeoutSeconds() + " s");
    } else if (silentMillis >= idleMillis / 2 && !pinged && state == State.READY) {
      pinged = true;
      send(Map.of("type", "ping"));
    }
  }

  /**
   * A frame over {@code maxMessageBytes} (Netty's frame decoder), or frames that add up to more
   * (Vert.x's aggregation): 1009, as RFC 6455 says. Anything else is the socket's business.
   */
  private void failed(Throwable t) {
    boolean tooBig = t instanceof CorruptedWebSocketFrameException corrupted
      ? corrupted.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()
      : t instanceof IllegalStateException && String.valueOf(t.getMessage()).contains("max");
    if (tooBig) {
      close(MESSAGE_TOO_BIG, "Message too big: at most " + limits.maxMessageBytes() + " bytes");
    } else {
      LOG.log(Level.FINE, Logs.withCorrelation(connectionId, "graphql-ws: " + t.getMessage()));
    }
  }

  private void close(short code, String reason) {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    ws.close(code, reason(reason));
    release();
  }

  private void closed() {
    state = State.CLOSED;
    release();
  }

  /** Ends every operation and timer, and gives the connection slot back; once. */
  private void release() {
    if (released) {
      return;
    }
    released = true;
    cancelTimer(initTimer);
    cancelTimer(idleTimer);
    cancelTimer(expiryTimer);
    for (Operation operation : new ArrayList<>(operations.values())) {
      operation.end();
      operation.cancel();
    }
    stats.closed(clientIp);
  }

  private void cancelTimer(long id) {
    if (id != -1) {
      vertx.cancelTimer(id);
    }
  }

  // ---- writing

  private void sendNext(String id, ExecutionResult result) {
    send(Map.of("id", id, "type", "next", "payload", result.toSpecification()));
  }

  private void sendErrors(String id, List<Map<String, Object>> errors) {
    send(Map.of("id", id, "type", "error", "payload", errors));
  }

  private void send(Map<String, Object> message) {
    if (state == State.CLOSED) {
      return;
    }
    ws.writeTextMessage(io.vertx.core.json.Json.encode(message));
  }

  private Map<String, Object> failureError(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    Failure failure = Failure.from(t);
    if (failure.errorCode().httpStatus() >= 500) {
      LOG.log(Level.WARNING, Logs.withCorrelation(connectionId, "graphql-ws operation failed: " + failure.errorCode()), t);
      failure = ClientFailures.shown(failure);
    }
    if (failure.retryAfterSeconds() > 0) {
      return Map.of("message", failure.detail(), "extensions",
        Map.of("code", failure.errorCode().string(), "retryAfter", failure.retryAfterSeconds()));
    }
    return error(failure.errorCode(), failure.detail());
  }

  private static Map<String, Object> error(ErrorCode code, String message) {
    return Map.of("message", message, "extensions", Map.of("code", code.string()));
  }

  // ---- helpers

  private void onContext(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  /** {@code authorization} in any letter case. */
  private static Object param(Map<?, ?> params, String name) {
    for (Map.Entry<?, ?> entry : params.entrySet()) {
      if (entry.getKey() instanceof String key && key.equalsIgnoreCase(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  private static String bearer(Object authorization) {
    if (!(authorization instanceof String value) || value.length() <= BEARER.length()
      || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    String token = value.substring(BEARER.length()).trim();
    return token.isEmpty() ? null : token;
  }

  /** The {@code exp} claim (epoch seconds) of a token whose signature was verified, null without one. */
  static Long expiresAt(String token) {
    String[] parts = token.split("\\.");
    if (parts.length < 2) {
      return null;
    }
    try {
      var claims = new JsonObject(Buffer.buffer(Base64.getUrlDecoder().decode(parts[1])));
      return claims.getValue("exp") instanceof Number exp ? exp.longValue() : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String abbreviate(String text) {
    String shown = text.length() > 32 ? text.substring(0, 32) + "..." : text;
    return shown.replaceAll("\\p{Cntrl}", "?");
  }

  /** A close frame's reason holds at most 123 bytes of UTF-8. */
  static String reason(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= 123) {
      return text;
    }
    int end = 120;
    while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
      end--;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8) + "...";
  }
}
