package io.kinetic.gateway.idempotency;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code Idempotency-Key} in the REST contract, for every write whichever edge defines it:
 * each operation other than GET (POST, PUT, PATCH, DELETE) of the merged document gets the shared
 * header parameter {@value #PARAMETER} and the answers {@code 409} ({@value #IN_PROGRESS}) and
 * {@code 422} ({@value #REUSED}) unless it documents those statuses itself. The components live in
 * {@code openapi/common.yaml}; a new edge's writes get them without writing anything. Run by
 * {@code ContractAssembly} once the fragments are merged, so the served contract, request
 * validation and the API page all see them.
 */
public final class IdempotencyContract {

  static final String PARAMETER = "IdempotencyKey";
  static final String IN_PROGRESS = "IdempotencyInProgress";
  static final String REUSED = "IdempotencyKeyReused";
  private static final Set<String> WRITES = Set.of("post", "put", "patch", "delete");
  private static final Map<String, String> ANSWERS = Map.of("409", IN_PROGRESS, "422", REUSED);

  private IdempotencyContract() {
  }

  /** Adds the header and the answers to every write of {@code document} (the merged contract, changed in place). */
  public static void apply(JsonObject document) {
    JsonObject components = document.getJsonObject("components", new JsonObject());
    require(components, "parameters", PARAMETER);
    require(components, "responses", IN_PROGRESS);
    require(components, "responses", REUSED);
    JsonObject paths = document.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (WRITES.contains(method.toLowerCase(Locale.ROOT)) && item.getValue(method) instanceof JsonObject operation) {
          addParameter(operation);
          addAnswers(operation);
        }
      }
    }
  }

  private static void addParameter(JsonObject operation) {
    JsonArray parameters = operation.getJsonArray("parameters");
    if (parameters == null) {
      parameters = new JsonArray();
      operation.put("parameters", parameters);
    }
    for (Object parameter : parameters) {
      JsonObject p = (JsonObject) parameter;
      if (("#/components/parameters/" + PARAMETER).equals(p.getString("$ref"))
        || IdempotencyKeys.HEADER.equalsIgnoreCase(p.getString("name", ""))) {
        return;
      }
    }
    parameters.add(new JsonObject().put("$ref", "#/components/parameters/" + PARAMETER));
  }

  /** The statuses in order, then {@code default}. */
  private static void addAnswers(JsonObject operation) {
    JsonObject responses = operation.getJsonObject("responses");
    if (responses == null) {
      return;
    }
    var ordered = new TreeMap<String, Object>();
    responses.forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
    ANSWERS.forEach((status, name) -> ordered.putIfAbsent(status, new JsonObject().put("$ref", "#/components/responses/" + name)));
    Object fallback = ordered.remove("default");
    responses.clear();
    ordered.forEach(responses::put);
    if (fallback != null) {
      responses.put("default", fallback);
    }
  }

  private static void require(JsonObject components, String section, String name) {
    if (components.getJsonObject(section, new JsonObject()).getValue(name) == null) {
      throw new IllegalStateException("openapi/common.yaml must define components/" + section + "/" + name
        + " (the Idempotency-Key of every write)");
    }
  }
}
