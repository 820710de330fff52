package io.kinetic.gateway;

import io.kinetic.gateway.openapi.ContractLoader;
import io.kinetic.kernel.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.impl.ClientPhase;
import io.vertx.ext.web.client.impl.HttpContext;
import io.vertx.ext.web.client.impl.WebClientInternal;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Contract tests for free: installed on a test's {@link WebClient}, it checks every response to an
 * operation of the contract the gateway serves ({@code /api/v1/openapi.yaml}, fetched from the
 * gateway under test) before the test sees it. A JSON body must match the operation's response
 * schema for its status; a problem must be {@code application/problem+json} with a known code
 * whose HTTP status is the response's. A mismatch fails the request the test awaits, so code and
 * contract cannot drift apart unnoticed.
 */
public final class ContractCheck {

  private final OpenAPIContract contract;
  private final ResponseValidator validator;

  private ContractCheck(Vertx vertx, OpenAPIContract contract) {
    this.contract = contract;
    this.validator = ResponseValidator.create(vertx, contract);
  }

  /** Loads the contract the gateway on {@code port} serves and installs the check on {@code client}. */
  public static void install(Vertx vertx, WebClient client, int port) throws Exception {
    Buffer yaml = WebClient.create(vertx).get(port, "127.0.0.1", "/api/v1/openapi.yaml").send()
      .await(30, TimeUnit.SECONDS).body();
    JsonObject document = vertx.<JsonObject>executeBlocking(() -> ContractLoader.parse(yaml)).await(30, TimeUnit.SECONDS);
    OpenAPIContract contract = ContractLoader.load(vertx, document).await(30, TimeUnit.SECONDS);
    var check = new ContractCheck(vertx, contract);
    ((WebClientInternal) client).addInterceptor(check::intercept);
  }

  private void intercept(HttpContext<?> ctx) {
    if (ctx.phase() != ClientPhase.DISPATCH_RESPONSE) {
      ctx.next();
      return;
    }
    String uri = ctx.request().uri();
    String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
    HttpMethod method = ctx.request().method();
    Operation operation = path.startsWith("/api/") ? find(path, method) : null;
    if (operation == null) {
      ctx.next();
      return;
    }
    var response = ctx.response();
    Object body = response.body();
    Buffer bytes = body instanceof Buffer b ? b : body == null ? null : Buffer.buffer(String.valueOf(body));
    String type = response.getHeader("content-type");
    String what = method + " " + uri + " answered " + response.statusCode() + " (" + operation.getOperationId() + ")";
    checked(response.statusCode(), type, bytes, operation, what).onComplete(ar -> {
      if (ar.succeeded()) {
        ctx.next();
      } else {
        ctx.fail(new AssertionError("the response does not match the contract: " + what + ": " + ar.cause().getMessage()
          + "\n" + (bytes == null ? "" : bytes.toString())));
      }
    });
  }

  private Operation find(String path, HttpMethod method) {
    try {
      return contract.findOperation(path, method);
    } catch (RuntimeException notInTheContract) {
      return null;
    }
  }

  private Future<?> checked(int status, String type, Buffer body, Operation operation, String what) {
    String media = type == null ? "" : type.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
    if (status >= 400) {
      if (!media.equals("application/problem+json") || body == null) {
        return Future.failedFuture("an error must be application/problem+json, got " + type);
      }
      JsonObject problem = body.toJsonObject();
      ErrorCode code;
      try {
        code = ErrorCode.valueOf(problem.getString("code", ""));
      } catch (IllegalArgumentException e) {
        return Future.failedFuture("unknown error code " + problem.getString("code"));
      }
      if (code.httpStatus() != status || problem.getInteger("status", status) != status
        || problem.getString("correlationId") == null) {
        return Future.failedFuture("problem " + code + " (HTTP " + code.httpStatus() + ") answered with " + status
          + " or without a correlation id");
      }
      return Future.succeededFuture();
    }
    if (!media.equals("application/json")) {
      return Future.succeededFuture();
    }
    Map<String, String> headers = new HashMap<>();
    headers.put("content-type", type);
    return validator.validate(ValidatableResponse.create(status, headers, body, type), operation.getOperationId());
  }
}
