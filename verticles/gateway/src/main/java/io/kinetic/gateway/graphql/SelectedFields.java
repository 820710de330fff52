package io.kinetic.gateway.graphql;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which of some fields ({@code Type.field}) a document selects anywhere: in any operation, through
 * inline fragments and fragment spreads, with the type each selection is made on (a field
 * selected on an interface counts for every object type implementing it). {@code @skip} and
 * {@code @include} are not evaluated: a field that may be selected counts. Linear in the document
 * with its fragments spread out, which the document checks bound before execution.
 */
final class SelectedFields {

  private final GraphQLSchema schema;
  private final Set<String> wanted;
  private final Map<String, FragmentDefinition> fragments = new HashMap<>();
  private final Set<String> found = new HashSet<>();

  private SelectedFields(GraphQLSchema schema, Document document, Set<String> wanted) {
    this.schema = schema;
    this.wanted = wanted;
    document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.put(f.getName(), f));
  }

  static Set<String> of(GraphQLSchema schema, Document document, Set<String> wanted) {
    var walk = new SelectedFields(schema, document, wanted);
    for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
      GraphQLObjectType root = switch (operation.getOperation()) {
        case QUERY -> schema.getQueryType();
        case MUTATION -> schema.getMutationType();
        case SUBSCRIPTION -> schema.getSubscriptionType();
      };
      if (root != null) {
        walk.selections(operation.getSelectionSet(), root, new HashSet<>());
      }
    }
    return walk.found;
  }

  private void selections(SelectionSet set, GraphQLType parent, Set<String> spreading) {
    if (set == null || parent == null) {
      return;
    }
    for (Selection<?> selection : set.getSelections()) {
      if (selection instanceof Field field && parent instanceof GraphQLFieldsContainer container) {
        GraphQLFieldDefinition definition = container.getFieldDefinition(field.getName());
        if (definition != null) {
          note(container, field.getName());
          selections(field.getSelectionSet(), GraphQLTypeUtil.unwrapAll(definition.getType()), spreading);
        }
      } else if (selection instanceof InlineFragment inline) {
        selections(inline.getSelectionSet(),
          inline.getTypeCondition() == null ? parent : schema.getType(inline.getTypeCondition().getName()), spreading);
      } else if (selection instanceof FragmentSpread spread) {
        FragmentDefinition fragment = fragments.get(spread.getName());
        if (fragment != null && spreading.add(spread.getName())) {
          selections(fragment.getSelectionSet(), schema.getType(fragment.getTypeCondition().getName()), spreading);
          spreading.remove(spread.getName());
        }
      }
    }
  }

  private void note(GraphQLFieldsContainer parent, String field) {
    add(parent.getName() + "." + field);
    if (parent instanceof GraphQLInterfaceType type) {
      schema.getImplementations(type).forEach(object -> add(object.getName() + "." + field));
    }
  }

  private void add(String coordinates) {
    if (wanted.contains(coordinates)) {
      found.add(coordinates);
    }
  }
}
