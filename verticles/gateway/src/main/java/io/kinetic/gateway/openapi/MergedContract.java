package io.kinetic.gateway.openapi;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The REST contract the gateway serves and validates against, merged from its fragments
 * ({@link ContractAssembly}).
 *
 * @param document the merged OpenAPI document (never modified after assembly)
 * @param owners operationId to the edge whose fragment defines it ({@link ContractAssembly#CORE} for the common one)
 * @param yaml the document as served at {@code /api/v1/openapi.yaml}
 */
public record MergedContract(JsonObject document, Map<String, String> owners, Buffer yaml) {
}
