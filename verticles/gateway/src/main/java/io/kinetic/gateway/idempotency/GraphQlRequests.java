package io.kinetic.gateway.idempotency;

import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a GraphQL POST that carries an {@code Idempotency-Key} asks for, worked out before the
 * GraphQL handler runs it: a mutation that the key covers, something else that simply runs (a
 * query, or a request the GraphQL handler refuses anyway: no or broken document, unknown
 * operation), or a request the key cannot cover. A key covers one mutation field, so the document
 * must hold exactly one mutation operation with exactly one root field (fragments spread out,
 * aliases counted, {@code __typename} not), and the document must come in the body (JSON
 * {@code {"query", "operationName", "variables"}} or {@code application/graphql}), not in the URL,
 * so that what is checked here is what runs. Parsed with the limits of the GraphQL endpoint
 * ({@code graphql.maxTokens}): a document too large for it is refused there, and nothing runs.
 */
final class GraphQlRequests {

  sealed interface Verdict permits Mutation, Runs, Refused {
  }

  /** A mutation the key covers. */
  record Mutation() implements Verdict {
  }

  /** Runs as it would without the key (nothing is kept). */
  record Runs() implements Verdict {
  }

  /** The key cannot cover this request: why. */
  record Refused(String reason) implements Verdict {
  }

  private static final Verdict MUTATION = new Mutation();
  private static final Verdict RUNS = new Runs();

  private final ParserOptions parserOptions;

  GraphQlRequests(int maxTokens) {
    this.parserOptions = ParserOptions.getDefaultOperationParserOptions().transform(options -> options
      .maxTokens(maxTokens)
      .maxWhitespaceTokens(maxTokens * 4));
  }

  Verdict inspect(RoutingContext rc) {
    if (rc.queryParams().contains("query") || rc.queryParams().contains("operationName")) {
      return new Refused("send the document and operationName in the body, not in the URL");
    }
    String type = rc.request().getHeader(HttpHeaders.CONTENT_TYPE);
    String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    String body = rc.body() == null || rc.body().buffer() == null ? "" : rc.body().buffer().toString();
    String query;
    String operationName = null;
    switch (media) {
      case "application/json" -> {
        String trimmed = body.strip();
        if (trimmed.startsWith("[")) {
          return new Refused("a batch of operations cannot share one key");
        }
        JsonObject json;
        try {
          json = new JsonObject(trimmed);
        } catch (DecodeException | ClassCastException notAnObject) {
          return RUNS; // the GraphQL handler refuses it
        }
        if (!(json.getValue("query") instanceof String text)) {
          return RUNS;
        }
        query = text;
        if (json.getValue("operationName") instanceof String name) {
          operationName = name;
        }
      }
      case "application/graphql" -> query = body;
      case "multipart/form-data" -> {
        return new Refused("send the request as application/json");
      }
      default -> {
        return RUNS; // the GraphQL handler refuses other media types
      }
    }
    return inspect(query, operationName);
  }

  Verdict inspect(String query, String operationName) {
    Document document;
    try {
      document = Parser.parse(ParserEnvironment.newParserEnvironment()
        .document(query).parserOptions(parserOptions).build());
    } catch (RuntimeException brokenOrTooLarge) {
      return RUNS; // nothing runs: the GraphQL endpoint refuses the document the same way
    }
    List<OperationDefinition> operations = new ArrayList<>();
    Map<String, FragmentDefinition> fragments = new HashMap<>();
    for (Definition<?> definition : document.getDefinitions()) {
      if (definition instanceof OperationDefinition operation) {
        operations.add(operation);
      } else if (definition instanceof FragmentDefinition fragment) {
        fragments.put(fragment.getName(), fragment);
      }
    }
    OperationDefinition chosen = chosen(operations, operationName);
    if (chosen == null || chosen.getOperation() != OperationDefinition.Operation.MUTATION) {
      return RUNS;
    }
    long mutations = operations.stream().filter(op -> op.getOperation() == OperationDefinition.Operation.MUTATION).count();
    if (mutations != 1) {
      return new Refused("the document must hold exactly one mutation operation, it holds " + mutations);
    }
    int fields = rootFields(chosen.getSelectionSet(), fragments, 0);
    if (fields != 1) {
      return new Refused("the mutation must select exactly one root field, it selects " + fields);
    }
    return MUTATION;
  }

  /** The operation graphql-java runs: the named one, else the only one; null when it would refuse. */
  private static OperationDefinition chosen(List<OperationDefinition> operations, String operationName) {
    if (operationName == null || operationName.isEmpty()) {
      return operations.size() == 1 ? operations.get(0) : null;
    }
    for (OperationDefinition operation : operations) {
      if (operationName.equals(operation.getName())) {
        return operation;
      }
    }
    return null;
  }

  /** Root fields, through inline fragments and fragment spreads ({@code @skip}/{@code @include} not evaluated). */
  private static int rootFields(SelectionSet selections, Map<String, FragmentDefinition> fragments, int depth) {
    if (selections == null || depth > fragments.size() + 1) {
      return 0;
    }
    int fields = 0;
    for (Selection<?> selection : selections.getSelections()) {
      if (selection instanceof Field field) {
        fields += "__typename".equals(field.getName()) ? 0 : 1;
      } else if (selection instanceof InlineFragment inline) {
        fields += rootFields(inline.getSelectionSet(), fragments, depth + 1);
      } else if (selection instanceof FragmentSpread spread && fragments.get(spread.getName()) != null) {
        fields += rootFields(fragments.get(spread.getName()).getSelectionSet(), fragments, depth + 1);
      }
    }
    return fields;
  }
}
