package io.kinetic.gateway.openapi;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Turns the merged contract ({@link ContractAssembly}) into the {@link OpenAPIContract} requests
 * are validated against, working around two limits of vertx-openapi / vertx-web-openapi-router
 * 5.0.10 on a copy (clients get the merged document as it is):
 * <ul>
 * <li>response media types other than JSON, text, multipart and octet streams fail the whole
 * contract, so {@code application/problem+json} and {@code application/yaml} response contents are
 * dropped (responses are never validated);</li>
 * <li>an operation with several security alternatives gets an empty auth chain (every request
 * fails) even with {@code setDoSecurity(false)}, so {@code security} is dropped too:
 * {@code ContractAccess} enforces it from the merged document.</li>
 * </ul>
 * And one rule of the engine's own: an {@code integer} is a 64-bit one at most (what the edge
 * decodes it into), so every integer schema gets the bounds of a Java {@code long} where its own
 * are wider or missing ({@link #bounded}); a larger number is refused by validation naming its
 * field, where the edge would fail to decode it.
 */
public final class ContractLoader {

  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final Set<String> VALIDATABLE = Set.of("application/json", "application/json; charset=utf-8",
    "multipart/form-data", "application/hal+json", "application/octet-stream", "text/plain", "text/plain; charset=utf-8");

  private ContractLoader() {
  }

  /** The contract to validate requests against, from the parsed document (which is left untouched). */
  public static Future<OpenAPIContract> load(Vertx vertx, JsonObject document) {
    return OpenAPIContract.from(vertx, validatable(document.copy()));
  }

  /** Blocking: parses the YAML document. */
  public static JsonObject parse(Buffer yaml) {
    Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml.toString(StandardCharsets.UTF_8));
    // a JSON round trip turns nested maps into JsonObject/JsonArray and unshares YAML aliases
    return new JsonObject(Json.encode(document));
  }

  static JsonObject validatable(JsonObject contract) {
    JsonObject paths = contract.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (!(item.getValue(method) instanceof JsonObject operation)) {
          continue;
        }
        operation.remove("security");
        if (operation.getValue("responses") instanceof JsonObject responses) {
          responses.forEach(entry -> {
            if (entry.getValue() instanceof JsonObject response) {
              strip(response);
            }
          });
        }
      }
    }
    contract.remove("security");
    JsonObject shared = contract.getJsonObject("components", new JsonObject()).getJsonObject("responses", new JsonObject());
    shared.forEach(entry -> strip((JsonObject) entry.getValue()));
    bounded(contract);
    return contract;
  }

  /**
   * Gives every integer schema under {@code node} ({@code type: integer}, or a type list naming it)
   * a {@code minimum} and {@code maximum} within the range of a Java {@code long}, keeping its own where narrower.
   */
  public static void bounded(Object node) {
    if (node instanceof JsonArray array) {
      array.forEach(ContractLoader::bounded);
      return;
    }
    if (!(node instanceof JsonObject object)) {
      return;
    }
    Object type = object.getValue("type");
    if ("integer".equals(type) || type instanceof JsonArray types && types.contains("integer")) {
      if (!within(object.getValue("minimum"))) {
        object.put("minimum", Long.MIN_VALUE);
      }
      if (!within(object.getValue("maximum"))) {
        object.put("maximum", Long.MAX_VALUE);
      }
    }
    object.forEach(entry -> bounded(entry.getValue()));
  }

  /** Whether {@code bound} is a number within the range of a {@code long}. */
  private static boolean within(Object bound) {
    if (!(bound instanceof Number number)) {
      return false;
    }
    BigDecimal value = new BigDecimal(number.toString());
    return value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0;
  }

  private static void strip(JsonObject response) {
    JsonObject content = response.getJsonObject("content");
    if (content == null) {
      return;
    }
    content.fieldNames().removeIf(type -> !VALIDATABLE.contains(type.toLowerCase(java.util.Locale.ROOT)));
    if (content.isEmpty()) {
      response.remove("content");
    }
  }
}
