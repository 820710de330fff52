package io.kinetic.gateway.graphql;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Node;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import io.kinetic.gateway.ControlCharacters;
import io.kinetic.kernel.error.FieldError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cheap checks of a parsed document, made before graphql-java validates it: validation compares
 * the fields of a selection pairwise (overlapping-fields rule), so a document that selects
 * thousands of fields would hold an event loop for seconds. Each check is linear in the size of
 * the document, fragments counted once each.
 */
final class DocumentChecks {

  private DocumentChecks() {
  }

  /**
   * The number of fields selected: the most any operation selects with its fragments spread out
   * (a fragment spread twice counts twice), and at least the number of field nodes written in the
   * document. Stops counting a little above {@code limit}.
   */
  static long selectedFields(Document document, long limit) {
    Map<String, FragmentDefinition> fragments = new HashMap<>();
    for (var definition : document.getDefinitions()) {
      if (definition instanceof FragmentDefinition fragment) {
        fragments.put(fragment.getName(), fragment);
      }
    }
    long written = countWritten(document, limit);
    var counter = new Counter(fragments, limit);
    long most = 0;
    for (var definition : document.getDefinitions()) {
      if (definition instanceof OperationDefinition operation) {
        most = Math.max(most, counter.count(operation.getSelectionSet()));
      }
    }
    return Math.max(most, written);
  }

  private static long countWritten(Node<?> node, long limit) {
    long count = node instanceof Field ? 1 : 0;
    for (Node<?> child : node.getChildren()) {
      if (count > limit) {
        break;
      }
      count += countWritten(child, limit - count);
    }
    return count;
  }

  /** Counts with fragments expanded, each fragment's count computed once; a cycle counts nothing (validation reports it). */
  private static final class Counter {
    private final Map<String, FragmentDefinition> fragments;
    private final Map<String, Long> counted = new HashMap<>();
    private final Set<String> visiting = new HashSet<>();
    private final long cap;

    Counter(Map<String, FragmentDefinition> fragments, long limit) {
      this.fragments = fragments;
      this.cap = limit + 1;
    }

    long count(SelectionSet selections) {
      if (selections == null) {
        return 0;
      }
      long total = 0;
      for (Selection<?> selection : selections.getSelections()) {
        if (selection instanceof Field field) {
          total += 1 + count(field.getSelectionSet());
        } else if (selection instanceof InlineFragment inline) {
          total += count(inline.getSelectionSet());
        } else if (selection instanceof FragmentSpread spread) {
          total += fragment(spread.getName());
        }
        if (total >= cap) {
          return cap;
        }
      }
      return total;
    }

    private long fragment(String name) {
      Long known = counted.get(name);
      if (known != null) {
        return known;
      }
      FragmentDefinition definition = fragments.get(name);
      if (definition == null || !visiting.add(name)) {
        return 0;
      }
      long count = count(definition.getSelectionSet());
      visiting.remove(name);
      counted.put(name, count);
      return count;
    }
  }

  /**
   * The string literals of the document (arguments, directive arguments, variable defaults) that
   * hold a control character, by argument path such as {@code input.email}.
   */
  static List<FieldError> controlCharacters(Document document) {
    var errors = new ArrayList<FieldError>();
    literals(document, errors);
    return errors;
  }

  private static void literals(Node<?> node, List<FieldError> errors) {
    if (errors.size() >= ControlCharacters.MAX_ERRORS) {
      return;
    }
    if (node instanceof Argument argument) {
      value(argument.getValue(), ControlCharacters.shown(argument.getName()), errors);
      return;
    }
    if (node instanceof VariableDefinition variable && variable.getDefaultValue() != null) {
      value(variable.getDefaultValue(), "$" + ControlCharacters.shown(variable.getName()), errors);
    }
    for (Node<?> child : node.getChildren()) {
      literals(child, errors);
    }
  }

  private static void value(Value<?> value, String path, List<FieldError> errors) {
    if (errors.size() >= ControlCharacters.MAX_ERRORS) {
      return;
    }
    if (value instanceof StringValue string && ControlCharacters.contains(string.getValue())) {
      errors.add(new FieldError(path, ControlCharacters.MESSAGE));
    } else if (value instanceof ObjectValue object) {
      for (ObjectField field : object.getObjectFields()) {
        value(field.getValue(), path + "." + ControlCharacters.shown(field.getName()), errors);
      }
    } else if (value instanceof ArrayValue array) {
      for (int i = 0; i < array.getValues().size(); i++) {
        value(array.getValues().get(i), path + "[" + i + "]", errors);
      }
    }
  }
}
