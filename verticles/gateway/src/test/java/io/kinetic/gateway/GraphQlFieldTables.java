package io.kinetic.gateway;

import graphql.language.ArrayValue;
import graphql.language.AstPrinter;
import graphql.language.Directive;
import graphql.language.EnumValue;
import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeExtensionDefinition;
import graphql.language.StringValue;
import graphql.schema.idl.SchemaParser;
import io.kinetic.gateway.edge.Edge;
import io.kinetic.gateway.edge.GraphQlApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The GraphQL part of {@link ApiContractPage}: per API, the root fields each edge's fragments add, with their {@code @auth}. */
final class GraphQlFieldTables {

  private GraphQlFieldTables() {
  }

  static String render(GraphQlApi api, List<Edge> edges) {
    var out = new StringBuilder();
    line(out, "");
    line(out, "## GraphQL " + api.name().toLowerCase(Locale.ROOT) + " API (`" + api.path() + "`)");
    for (Edge edge : edges) {
      List<String[]> rows = new ArrayList<>();
      for (String file : edge.graphqlFragments(api)) {
        for (var extension : new SchemaParser().parse(ApiContractPage.read(file)).objectTypeExtensions().values()) {
          for (ObjectTypeExtensionDefinition definition : extension) {
            definition.getFieldDefinitions().forEach(field -> rows.add(row(definition.getName(), field)));
          }
        }
      }
      if (!rows.isEmpty()) {
        line(out, "");
        String files = edge.graphqlFragments(api).stream().map(f -> "`" + f + "`").collect(Collectors.joining(", "));
        line(out, "### " + edge.name() + " (" + files + ")");
        line(out, "");
        line(out, "| Root | Field | Access | Description |");
        line(out, "|---|---|---|---|");
        rows.forEach(row -> line(out, "| " + String.join(" | ", row) + " |"));
      }
    }
    return out.toString();
  }

  private static String[] row(String root, FieldDefinition field) {
    String arguments = field.getInputValueDefinitions().isEmpty() ? "" : "(" + field.getInputValueDefinitions().stream()
      .map(AstPrinter::printAst).collect(Collectors.joining(", ")) + ")";
    Directive auth = field.getDirectives("auth").isEmpty() ? null : field.getDirectives("auth").get(0);
    String access = auth == null ? "public" : ApiContractPage.who(
      ((EnumValue) auth.getArgument("realm").getValue()).getName().toLowerCase(Locale.ROOT),
      auth.getArgument("anyRole") == null ? List.of() : ((ArrayValue) auth.getArgument("anyRole").getValue()).getValues()
        .stream().map(v -> ((StringValue) v).getValue()).toList());
    String description = field.getDescription() == null ? "" : field.getDescription().getContent();
    return new String[] {root, "`" + field.getName() + arguments + ": " + AstPrinter.printAst(field.getType()) + "`",
      ApiContractPage.cell(access), ApiContractPage.cell(description)};
  }

  private static void line(StringBuilder out, String text) {
    out.append(text).append('\n');
  }
}
