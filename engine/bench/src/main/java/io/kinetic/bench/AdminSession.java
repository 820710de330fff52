package io.kinetic.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;

/**
 * The staff bearer token for {@code @write} lines: logs in once with {@code BENCH_ADMIN_EMAIL} /
 * {@code BENCH_ADMIN_PASSWORD} (from the environment, never the command line) and logs in again a
 * minute before the access token expires, so runs longer than its lifetime keep writing.
 */
final class AdminSession {

  static final String EMAIL_ENV = "BENCH_ADMIN_EMAIL";
  static final String PASSWORD_ENV = "BENCH_ADMIN_PASSWORD";
  private static final long MIN_RENEW_MILLIS = 30_000;

  private final Vertx vertx;
  private final HttpClient client;
  private final URI base;
  private final String loginPath;
  private final JsonObject credentials;
  private volatile String token;

  private AdminSession(Vertx vertx, URI base, String loginPath, String email, String password) {
    this.vertx = vertx;
    this.client = vertx.createHttpClient();
    this.base = base;
    this.loginPath = loginPath;
    this.credentials = new JsonObject().put("email", email).put("password", password);
  }

  /** Logs in; fails with the engine's answer when the credentials are refused. */
  static Future<AdminSession> start(Vertx vertx, URI base, String loginPath) {
    String email = System.getenv(EMAIL_ENV);
    String password = System.getenv(PASSWORD_ENV);
    if (email == null || password == null) {
      return Future.failedFuture(new IllegalArgumentException(
          "staff requests need " + EMAIL_ENV + " and " + PASSWORD_ENV + " for --admin-login"));
    }
    var session = new AdminSession(vertx, base, loginPath, email, password);
    return session.login().map(session);
  }

  String token() {
    return token;
  }

  private Future<Void> login() {
    var options = new RequestOptions().setMethod(HttpMethod.POST).setHost(base.getHost()).setPort(base.getPort())
        .setURI(loginPath).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    return client.request(options)
        .compose(req -> req.send(credentials.toBuffer()))
        .compose(resp -> resp.body().compose(body -> resp.statusCode() == 200 ? Future.succeededFuture(body.toJsonObject())
            : Future.failedFuture("admin login at " + loginPath + " answered " + resp.statusCode() + ": " + body)))
        .map(json -> {
          token = json.getString("accessToken");
          long renewMillis = Math.max(MIN_RENEW_MILLIS, (json.getLong("expiresIn", 900L) - 60) * 1000);
          vertx.setTimer(renewMillis, id -> login().onFailure(err -> System.err.println("bench: admin re-login failed: " + err)));
          return null;
        });
  }
}
