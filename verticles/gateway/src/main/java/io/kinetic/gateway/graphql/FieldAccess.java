package io.kinetic.gateway.graphql;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.kinetic.gateway.Principal;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.contract.identity.Role;
import io.kinetic.kernel.error.ErrorCode;
import java.util.List;
import java.util.Locale;

/**
 * Who may run a GraphQL field, declared once: the {@code @auth(realm:, anyRole:)} directive on the
 * field in its edge's schema fragment (defined in graphql/common.graphqls). When the schema is
 * built, the fetcher of every such field is wrapped with its check, so no fetcher checks access
 * itself and unguarded fields cost nothing per request. No token is UNAUTHENTICATED; a token of the
 * other realm FORBIDDEN (as REST answers both); a staff member with none of {@code anyRole} (when given) FORBIDDEN; both are errors of the field
 * before its fetcher runs. On the admin API every root field must declare a rule: one without
 * fails start-up, as does an unknown role.
 */
final class FieldAccess {

  static final String DIRECTIVE = "auth";

  private FieldAccess() {
  }

  /** One field's rule; {@code anyRole} empty means any staff role (or a customer). */
  record Rule(Realm realm, List<String> anyRole) {

    void check(DataFetchingEnvironment env) {
      Principal principal = Gql.principal(env);
      if (principal == null) {
        throw ErrorCode.UNAUTHENTICATED.failure("a " + realm.name().toLowerCase(Locale.ROOT) + " access token is required");
      }
      if (principal.realm() != realm) {
        // as REST answers it: the caller is known, and this token may not use the field
        throw ErrorCode.FORBIDDEN.failure("this token may not use this field: a " + realm.name().toLowerCase(Locale.ROOT)
          + " access token is required");
      }
      if (!principal.hasAnyRole(anyRole)) {
        throw ErrorCode.FORBIDDEN.failure("needs one of the roles " + String.join(", ", anyRole));
      }
    }
  }

  /** {@code schema} with the fetcher of every {@code @auth} field behind its check. */
  static GraphQLSchema apply(GraphQLSchema schema, boolean rootFieldsMustDeclare) {
    GraphQLCodeRegistry guarded = schema.getCodeRegistry().transform(registry -> {
      for (GraphQLNamedType type : schema.getAllTypesAsList()) {
        if (!(type instanceof GraphQLObjectType object) || type.getName().startsWith("__")) {
          continue;
        }
        for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
          Rule rule = rule(object, field);
          if (rule == null) {
            if (rootFieldsMustDeclare && isRoot(schema, object)) {
              throw new IllegalStateException(object.getName() + "." + field.getName() + " declares no @" + DIRECTIVE);
            }
            continue;
          }
          FieldCoordinates at = FieldCoordinates.coordinates(object, field);
          DataFetcher<?> fetcher = schema.getCodeRegistry().getDataFetcher(at, field);
          registry.dataFetcher(at, (DataFetcher<Object>) env -> {
            rule.check(env);
            return fetcher.get(env);
          });
        }
      }
    });
    return schema.transform(builder -> builder.codeRegistry(guarded));
  }

  private static Rule rule(GraphQLObjectType type, GraphQLFieldDefinition field) {
    GraphQLAppliedDirective auth = field.getAppliedDirective(DIRECTIVE);
    if (auth == null) {
      return null;
    }
    Object realmName = auth.getArgument("realm").getValue();
    Realm realm = Realm.valueOf(realmName.toString());
    Object roles = auth.getArgument("anyRole") == null ? null : auth.getArgument("anyRole").getValue();
    List<String> anyRole = roles instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    for (String role : anyRole) {
      try {
        Role.valueOf(role.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(type.getName() + "." + field.getName() + ": unknown role " + role, e);
      }
    }
    return new Rule(realm, anyRole);
  }

  private static boolean isRoot(GraphQLSchema schema, GraphQLObjectType type) {
    return type == schema.getQueryType() || type == schema.getMutationType() || type == schema.getSubscriptionType();
  }
}
