package io.kinetic.gateway.graphql;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLObjectType;
import graphql.schema.TypeResolver;
import io.kinetic.kernel.contract.Deleted;
import io.kinetic.kernel.contract.catalog.Attribute;
import io.kinetic.kernel.contract.catalog.Category;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.Variant;
import io.kinetic.kernel.contract.identity.CustomerView;
import io.kinetic.kernel.contract.identity.StaffInvited;
import io.kinetic.kernel.contract.identity.StaffView;
import io.kinetic.kernel.contract.identity.Tokens;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.error.FieldError;
import io.kinetic.kernel.money.Money;
import java.util.List;
import java.util.Map;

/** GraphQL-only shapes over the kernel records, and the resolver of the result unions. */
final class GqlTypes {

  private GqlTypes() {
  }

  record Problem(String code, String message, List<FieldError> errors) {
    static Problem of(Failure failure) {
      return new Problem(failure.errorCode().string(), failure.detail(), failure.errors());
    }
  }

  record Done(boolean ok) {
  }

  record Entry(String key, String value) {
  }

  record LocalizedName(String locale, String name) {
  }

  record TranslationView(String locale, String name, String description) {
  }

  record Edge(String cursor, Object node) {
  }

  record PageInfo(boolean hasNextPage, String endCursor) {
  }

  record Connection(List<Edge> edges, PageInfo pageInfo) {
    /** The catalog pages by keyset and hands out one cursor per page: it goes on the last edge. */
    static Connection of(List<?> items, String nextCursor) {
      var edges = new java.util.ArrayList<Edge>(items.size());
      for (int i = 0; i < items.size(); i++) {
        edges.add(new Edge(i == items.size() - 1 ? nextCursor : null, items.get(i)));
      }
      return new Connection(edges, new PageInfo(nextCursor != null, nextCursor));
    }
  }

  private static final Map<Class<?>, String> UNION_MEMBERS = Map.of(
    Problem.class, "Problem",
    Tokens.class, "Tokens",
    CustomerView.class, "Customer",
    Done.class, "Done",
    Product.class, "AdminProduct",
    Category.class, "CategoryDefinition",
    Attribute.class, "AttributeDefinition",
    Deleted.class, "Deleted",
    StaffView.class, "Staff",
    StaffInvited.class, "StaffInvitation");

  /** Resolves every {@code *Result} union of both schemas by the Java type of the value. */
  static final TypeResolver RESULTS = env -> {
    String name = UNION_MEMBERS.get(env.getObject().getClass());
    GraphQLObjectType type = name == null ? null : env.getSchema().getObjectType(name);
    if (type == null) {
      throw new IllegalStateException("no GraphQL type for " + env.getObject().getClass().getName());
    }
    return type;
  };

  static List<Entry> options(DataFetchingEnvironment env) {
    Variant variant = env.getSource();
    return variant.options() == null ? List.of()
      : variant.options().entrySet().stream().map(e -> new Entry(e.getKey(), e.getValue())).toList();
  }

  static Money price(DataFetchingEnvironment env) {
    Variant variant = env.getSource();
    return variant.price(env.getArgument("currency"));
  }

  static List<LocalizedName> names(Map<String, String> names) {
    return names == null ? List.of()
      : names.entrySet().stream().map(e -> new LocalizedName(e.getKey(), e.getValue())).toList();
  }
}
