package io.kinetic.gateway;

import io.kinetic.kernel.contract.identity.Realm;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ValidatableRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Enforces the {@code security} of every operation of the merged contract (read from the merged
 * document, see {@code ContractLoader}), whichever edge's fragment declares it: scheme {@code customerBearer} means realm CUSTOMER, {@code staffBearer}
 * realm STAFF, the scopes of a requirement are the staff roles it needs, and alternatives are ORed.
 * It runs as the first step of the matched operation's validation (the {@link RequestExtractor}),
 * so the check is tied to the route vert.x-web chose, whatever the spelling of the path
 * ({@code /admin/products/}, {@code %61dmin}, {@code ..}), and comes before body validation.
 * An operation that is not public must therefore keep validation on: {@link #verify} fails start-up otherwise.
 */
final class ContractAccess implements RequestExtractor {

  private static final Map<String, Realm> SCHEMES = Map.of("customerBearer", Realm.CUSTOMER, "staffBearer", Realm.STAFF);

  /** The parameters and the buffered body, each value as the handler reads it (not the library's extraction). */
  private final RequestExtractor body = new ContractRequests();
  private final AccessHandler access;
  private final Map<String, AccessRule> rules = new HashMap<>();

  ContractAccess(JsonObject document, AccessHandler access) {
    this.access = access;
    JsonArray defaultSecurity = document.getJsonArray("security", new JsonArray());
    JsonObject paths = document.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject operation && operation.containsKey("operationId")) {
          String id = operation.getString("operationId");
          rules.put(id, rule(id, operation.getJsonArray("security", defaultSecurity)));
        }
      }
    }
  }

  @Override
  public Future<ValidatableRequest> extractValidatableRequest(RoutingContext rc, Operation operation) {
    AccessRule rule = rules.getOrDefault(operation.getOperationId(), AccessRule.PUBLIC);
    if (rule.isPublic()) {
      return body.extractValidatableRequest(rc, operation);
    }
    return access.check(rc, rule).compose(principal -> body.extractValidatableRequest(rc, operation));
  }

  /** Start-up guard: a secured operation without validation would skip its access check. */
  void verify(List<OpenAPIRoute> routes) {
    for (OpenAPIRoute route : routes) {
      String id = route.getOperation().getOperationId();
      if (!route.doValidation() && !rules.getOrDefault(id, AccessRule.PUBLIC).isPublic()) {
        throw new IllegalStateException(id + " is secured: it must not skip validation");
      }
    }
  }

  /** OpenAPI security: a list of alternatives, each naming one scheme with the roles (scopes) it needs. */
  private static AccessRule rule(String operationId, JsonArray security) {
    if (security.isEmpty()) {
      return AccessRule.PUBLIC;
    }
    var anyOf = new ArrayList<AccessRule.Requirement>();
    for (Object alternative : security) {
      JsonObject requirement = (JsonObject) alternative;
      if (requirement.isEmpty()) {
        return AccessRule.PUBLIC;
      }
      if (requirement.size() != 1) {
        throw new IllegalStateException(operationId + ": one security scheme per requirement is supported");
      }
      String scheme = requirement.fieldNames().iterator().next();
      Realm realm = SCHEMES.get(scheme);
      if (realm == null) {
        throw new IllegalStateException(operationId + ": unknown security scheme " + scheme);
      }
      var roles = new HashSet<String>();
      requirement.getJsonArray(scheme).forEach(role -> roles.add((String) role));
      anyOf.add(new AccessRule.Requirement(realm, Set.copyOf(roles)));
    }
    return new AccessRule(List.copyOf(anyOf));
  }
}
