package io.kinetic.search;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.opensearch.client.transport.httpclient5.ResponseException;

/**
 * The engine's line to an OpenSearch node: the official client (opensearch-java) over Apache
 * HttpClient 5, asynchronous, its answers brought back to the verticle's context. Requests are
 * JSON bodies of the REST API (the generic client): the index definition, queries and bulk bodies
 * are data ({@code opensearch/products.json}, {@link OpenSearchQueries}), not builder code.
 * A status of 400 or more fails the future with {@link Failed}; a transport failure (node down,
 * timeout) fails it with the client's exception.
 */
final class OpenSearchHttp {

  static final int MAX_CONNECTIONS = 64;

  /** An answer with an error status. */
  static final class Failed extends RuntimeException {
    final int status;

    Failed(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  /** A status and its JSON body (empty when none). */
  record Answer(int status, JsonObject body) {
  }

  private final OpenSearchTransport transport;
  private final OpenSearchGenericClient generic;
  private final Context context;

  OpenSearchHttp(String url, Context context) {
    URI uri = URI.create(url);
    var host = new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort() < 0 ? ("https".equals(uri.getScheme()) ? 443 : 9200) : uri.getPort());
    var builder = ApacheHttpClient5TransportBuilder.builder(host)
      .setHttpClientConfigCallback(http -> http.setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
        .setMaxConnTotal(MAX_CONNECTIONS).setMaxConnPerRoute(MAX_CONNECTIONS).build()))
      .setRequestConfigCallback(request -> request.setConnectionRequestTimeout(Timeout.ofSeconds(5))
        .setResponseTimeout(Timeout.ofSeconds(30)));
    if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
      builder.setPathPrefix(uri.getPath());
    }
    this.transport = builder.build();
    this.generic = new OpenSearchGenericClient(transport);
    this.context = context;
  }

  Future<JsonObject> get(String path) {
    return call("GET", path, null, Map.of()).map(Answer::body);
  }

  Future<JsonObject> post(String path, JsonObject body) {
    return call("POST", path, body.encode(), Map.of()).map(Answer::body);
  }

  Future<JsonObject> put(String path, JsonObject body) {
    return call("PUT", path, body.encode(), Map.of()).map(Answer::body);
  }

  Future<JsonObject> delete(String path) {
    return call("DELETE", path, null, Map.of()).map(Answer::body);
  }

  /** A bulk body (newline-delimited JSON). */
  Future<JsonObject> bulk(String ndjson, Map<String, String> params) {
    return call("POST", "/_bulk", ndjson, params, "application/x-ndjson").map(Answer::body);
  }

  /** The status of a HEAD or GET without failing on 404. */
  Future<Integer> status(String method, String path) {
    return send(method, path, null, Map.of(), "application/json").map(Answer::status);
  }

  Future<Answer> call(String method, String path, String body, Map<String, String> params) {
    return call(method, path, body, params, "application/json");
  }

  private Future<Answer> call(String method, String path, String body, Map<String, String> params, String contentType) {
    return send(method, path, body, params, contentType).compose(answer -> answer.status() >= 400
      ? Future.failedFuture(new Failed(answer.status(), method + " " + path + ": " + answer.status() + " " + brief(answer.body())))
      : Future.succeededFuture(answer));
  }

  private Future<Answer> send(String method, String path, String body, Map<String, String> params, String contentType) {
    var request = Requests.create(method, path, List.of(), params,
      body == null ? null : Body.from(body.getBytes(StandardCharsets.UTF_8), contentType));
    return Future.fromCompletionStage(generic.executeAsync(request), context).map(OpenSearchHttp::read).recover(t -> {
      // the transport itself fails some statuses (5xx): the same Failed as the others
      Throwable cause = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
      if (cause instanceof ResponseException response) {
        String text = String.valueOf(response.getMessage());
        int json = text.indexOf('{');
        JsonObject detail = new JsonObject();
        try {
          detail = json < 0 ? detail : new JsonObject(text.substring(json));
        } catch (RuntimeException e) {
          // not JSON: the status says enough
        }
        return Future.succeededFuture(new Answer(response.status(), detail));
      }
      return Future.failedFuture(cause);
    });
  }

  private static Answer read(Response response) {
    try (response) {
      String text = response.getBody().map(Body::bodyAsString).orElse("");
      JsonObject json = text.isBlank() || !text.trim().startsWith("{") ? new JsonObject() : new JsonObject(text);
      return new Answer(response.getStatus(), json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String brief(JsonObject error) {
    if (!(error.getValue("error") instanceof JsonObject cause)) {
      return error.encode();
    }
    String reason = cause.getString("type") + ": " + cause.getString("reason");
    var root = cause.getJsonArray("root_cause");
    if (root != null && !root.isEmpty() && root.getValue(0) instanceof JsonObject first && first.getString("reason") != null
      && !first.getString("reason").equals(cause.getString("reason"))) {
      reason += " (" + first.getString("reason") + ")";
    }
    return reason.length() > 500 ? reason.substring(0, 500) : reason;
  }

  void close() {
    try {
      transport.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
