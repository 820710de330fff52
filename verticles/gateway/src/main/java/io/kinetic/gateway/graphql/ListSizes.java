package io.kinetic.gateway.graphql;

import graphql.analysis.FieldComplexityEnvironment;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLAppliedDirectiveArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cost of a query field: {@code 1 + n × (cost of its selection)}, where n is the number of
 * items the field is expected to return. A schema declares it per field with the
 * {@code @listSize} directive (the name and arguments of the GraphQL cost directive proposal):
 * the value of the first {@code slicingArguments} the query gives (clamped to 1..100), else
 * {@code assumedSize}; with {@code sizedFields} the size applies to those list fields below it (a
 * connection's {@code edges}), and the field itself counts once. Any other list field counts
 * {@link #DEFAULT_SIZE} items; introspection fields count once (graphql-java bounds introspection
 * on its own). Repeated fields and aliases count each time they appear.
 */
final class ListSizes {

  static final int DEFAULT_SIZE = 10;
  static final int MAX_PAGE = 100;
  static final String DIRECTIVE = "listSize";

  /** One {@code @listSize}: {@code assumedSize} 0 when not given. */
  record Size(int assumedSize, List<String> slicingArguments, List<String> sizedFields) {

    int of(Map<String, Object> arguments) {
      for (String name : slicingArguments) {
        if (arguments.get(name) instanceof Number n) {
          return Math.max(1, Math.min(MAX_PAGE, n.intValue()));
        }
      }
      return assumedSize > 0 ? assumedSize : DEFAULT_SIZE;
    }
  }

  /** By field coordinate, {@code Type.field}. */
  private final Map<String, Size> sizes;
  private final Set<String> slicingArguments;

  private ListSizes(Map<String, Size> sizes) {
    this.sizes = sizes;
    var names = new HashSet<String>();
    sizes.values().forEach(size -> names.addAll(size.slicingArguments()));
    this.slicingArguments = Set.copyOf(names);
  }

  /** The names of every slicing argument of the schema: the variables they take change a query's cost. */
  Set<String> slicingArguments() {
    return slicingArguments;
  }

  static ListSizes of(GraphQLSchema schema) {
    Map<String, Size> sizes = new HashMap<>();
    for (GraphQLNamedType type : schema.getAllTypesAsList()) {
      if (type instanceof GraphQLFieldsContainer container && !type.getName().startsWith("__")) {
        for (GraphQLFieldDefinition field : container.getFieldDefinitions()) {
          GraphQLAppliedDirective directive = field.getAppliedDirective(DIRECTIVE);
          if (directive != null) {
            sizes.put(type.getName() + "." + field.getName(), new Size(intArgument(directive, "assumedSize"),
              listArgument(directive, "slicingArguments"), listArgument(directive, "sizedFields")));
          }
        }
      }
    }
    return new ListSizes(Map.copyOf(sizes));
  }

  /** A {@code FieldComplexityCalculator}. */
  int complexity(FieldComplexityEnvironment env, int childComplexity) {
    GraphQLFieldDefinition field = env.getFieldDefinition();
    if (field.getName().startsWith("__") || env.getParentType().getName().startsWith("__")) {
      return 1 + childComplexity;
    }
    Size own = sizes.get(env.getParentType().getName() + "." + field.getName());
    int times;
    if (own != null && own.sizedFields().isEmpty()) {
      times = own.of(env.getArguments());
    } else if (isList(field.getType())) {
      FieldComplexityEnvironment parent = env.getParentEnvironment();
      Size parentSize = parent == null ? null
        : sizes.get(parent.getParentType().getName() + "." + parent.getFieldDefinition().getName());
      times = parentSize != null && parentSize.sizedFields().contains(field.getName())
        ? parentSize.of(parent.getArguments()) : DEFAULT_SIZE;
    } else {
      times = 1;
    }
    long cost = 1L + (long) times * childComplexity;
    return (int) Math.min(Integer.MAX_VALUE, cost);
  }

  private static boolean isList(GraphQLType type) {
    return GraphQLTypeUtil.unwrapNonNull(type) instanceof GraphQLList;
  }

  private static int intArgument(GraphQLAppliedDirective directive, String name) {
    GraphQLAppliedDirectiveArgument argument = directive.getArgument(name);
    Object value = argument == null ? null : argument.getValue();
    return value instanceof Number n ? n.intValue() : 0;
  }

  private static List<String> listArgument(GraphQLAppliedDirective directive, String name) {
    GraphQLAppliedDirectiveArgument argument = directive.getArgument(name);
    Object value = argument == null ? null : argument.getValue();
    if (!(value instanceof List<?> list)) {
      return List.of();
    }
    return list.stream().map(String::valueOf).toList();
  }
}
