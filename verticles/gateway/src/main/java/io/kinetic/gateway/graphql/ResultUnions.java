package io.kinetic.gateway.graphql;

import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.schema.GraphQLNamedOutputType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;
import graphql.schema.TypeResolver;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * The unions of the schemas are mutation results: a payload type or {@code Problem} (an expected
 * business failure, {@link GqlTypes.Problem}). Their type resolution follows from that shape: a
 * {@code Problem} value is the {@code Problem} member, any other value the union's other member.
 * Every union of a schema is wired so, read from the schema itself: a new result union needs no
 * registration, and a union of another shape fails start-up.
 */
final class ResultUnions {

  static final String PROBLEM = "Problem";

  private ResultUnions() {
  }

  static final TypeResolver RESOLVER = env -> {
    var union = (GraphQLUnionType) GraphQLTypeUtil.unwrapAll(env.getFieldType());
    boolean problem = env.getObject() instanceof GqlTypes.Problem;
    for (GraphQLNamedOutputType member : union.getTypes()) {
      if (member.getName().equals(PROBLEM) == problem) {
        return (GraphQLObjectType) member;
      }
    }
    throw new IllegalStateException(union.getName() + " has no member for " + env.getObject().getClass().getName());
  };

  /** Checks every union of {@code registry} and gives each the resolver. */
  static void wire(TypeDefinitionRegistry registry, RuntimeWiring.Builder wiring) {
    for (UnionTypeDefinition union : registry.getTypes(UnionTypeDefinition.class)) {
      List<String> members = new ArrayList<>();
      union.getMemberTypes().forEach(member -> members.add(name(member)));
      registry.unionTypeExtensions().getOrDefault(union.getName(), List.of())
        .forEach(extension -> extension.getMemberTypes().forEach(member -> members.add(name(member))));
      if (members.size() != 2 || !members.contains(PROBLEM)) {
        throw new IllegalStateException("union " + union.getName() + " = " + String.join(" | ", members)
          + ": a result union is its payload type | " + PROBLEM);
      }
      wiring.type(union.getName(), type -> type.typeResolver(RESOLVER));
    }
  }

  private static String name(Type<?> type) {
    return ((TypeName) type).getName();
  }
}
