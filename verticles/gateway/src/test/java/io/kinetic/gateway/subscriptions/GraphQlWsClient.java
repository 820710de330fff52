package io.kinetic.gateway.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A graphql-transport-ws client for tests, over Vert.x's WebSocket client: sends the protocol's
 * messages, queues what the server sends (answering its pings unless told not to) and records how
 * the connection was closed.
 */
public final class GraphQlWsClient implements AutoCloseable {

  public static final String PROTOCOL = "graphql-transport-ws";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final WebSocketClient client;
  private final WebSocket ws;
  private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
  private final CompletableFuture<Short> closed = new CompletableFuture<>();
  private volatile boolean answerPings = true;
  private volatile int pingsSeen;

  private GraphQlWsClient(WebSocketClient client, WebSocket ws) {
    this.client = client;
    this.ws = ws;
    ws.textMessageHandler(text -> {
      JsonObject message = new JsonObject(text);
      if ("ping".equals(message.getString("type"))) {
        pingsSeen++;
        if (answerPings) {
          ws.writeTextMessage(new JsonObject().put("type", "pong").encode());
        }
        return;
      }
      received.add(message);
    });
    ws.closeHandler(v -> closed.complete(ws.closeStatusCode()));
  }

  /** A connection to {@code /graphql} on localhost speaking graphql-transport-ws. */
  public static GraphQlWsClient connect(Vertx vertx, int port) throws Exception {
    return connect(vertx, port, options -> { });
  }

  /** Like {@link #connect(Vertx, int)}, with the connect options adjusted (headers, sub-protocols). */
  public static GraphQlWsClient connect(Vertx vertx, int port, Consumer<WebSocketConnectOptions> adjust) throws Exception {
    return attempt(vertx, port, adjust).await(10, TimeUnit.SECONDS);
  }

  /** The connection attempt, for tests of refused upgrades. */
  public static Future<GraphQlWsClient> attempt(Vertx vertx, int port, Consumer<WebSocketConnectOptions> adjust) {
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1024 * 1024)
      .setMaxMessageSize(4 * 1024 * 1024));
    var options = new WebSocketConnectOptions().setHost("localhost").setPort(port).setURI("/graphql").addSubProtocol(PROTOCOL);
    adjust.accept(options);
    return client.connect(options).map(ws -> new GraphQlWsClient(client, ws))
      .onFailure(t -> client.close());
  }

  public GraphQlWsClient answerPings(boolean answer) {
    this.answerPings = answer;
    return this;
  }

  public int pingsSeen() {
    return pingsSeen;
  }

  public void send(JsonObject message) {
    ws.writeTextMessage(message.encode()).await();
  }

  public void sendText(String text) {
    ws.writeTextMessage(text).await();
  }

  /** Sends connection_init with {@code payload} (null: none). */
  public void init(JsonObject payload) {
    var message = new JsonObject().put("type", "connection_init");
    if (payload != null) {
      message.put("payload", payload);
    }
    send(message);
  }

  /** connection_init, then waits for connection_ack. */
  public GraphQlWsClient initAndAck(JsonObject payload) throws Exception {
    init(payload);
    JsonObject ack = next();
    assertEquals("connection_ack", ack.getString("type"), ack.encode());
    return this;
  }

  public void subscribe(String id, String query, JsonObject variables) {
    var payload = new JsonObject().put("query", query);
    if (variables != null) {
      payload.put("variables", variables);
    }
    send(new JsonObject().put("id", id).put("type", "subscribe").put("payload", payload));
  }

  public void complete(String id) {
    send(new JsonObject().put("id", id).put("type", "complete"));
  }

  /** The next message from the server other than a ping; fails after 10 s. */
  public JsonObject next() throws Exception {
    return next(WAIT);
  }

  public JsonObject next(Duration wait) throws Exception {
    JsonObject message = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(message, "no message within " + wait);
    return message;
  }

  /** The next message, which must be of {@code type} for operation {@code id}. */
  public JsonObject expect(String type, String id) throws Exception {
    JsonObject message = next();
    assertEquals(type, message.getString("type"), message.encode());
    assertEquals(id, message.getString("id"), message.encode());
    return message;
  }

  /** The next message or null when none comes within {@code wait}. */
  public JsonObject poll(Duration wait) throws Exception {
    return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The close code the server sent, waiting for it up to {@code wait}. */
  public short closeCode(Duration wait) throws Exception {
    return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  public short closeCode() throws Exception {
    return closeCode(WAIT);
  }

  public String closeReason() {
    return ws.closeReason();
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  @Override
  public void close() throws Exception {
    if (!ws.isClosed()) {
      ws.close().await(10, TimeUnit.SECONDS);
    }
    closed.get(10, TimeUnit.SECONDS);
    client.close().await(10, TimeUnit.SECONDS);
  }
}
