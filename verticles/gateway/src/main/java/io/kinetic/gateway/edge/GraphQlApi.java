package io.kinetic.gateway.edge;

/**
 * The two GraphQL APIs. Each schema is {@code graphql/common.graphqls} (shared directives,
 * scalars and types), the API's root ({@link #root()}: its description and the {@code Query} and
 * {@code Mutation} types the edges extend) and every edge's fragments for it.
 */
public enum GraphQlApi {

  /** The storefront at {@code /graphql}: anonymous or customer. Its mutations are logins and registrations: one per request. */
  SHOP("/graphql", "graphql/shop.graphqls", 1),
  /** Staff at {@code /admin/graphql} (a staff token is required at the HTTP level); staff may batch catalog edits. */
  ADMIN("/admin/graphql", "graphql/admin.graphqls", 100);

  private final String path;
  private final String root;
  private final int maxMutationFields;

  GraphQlApi(String path, String root, int maxMutationFields) {
    this.path = path;
    this.root = root;
    this.maxMutationFields = maxMutationFields;
  }

  public String path() {
    return path;
  }

  public String root() {
    return root;
  }

  /** Root mutation fields one request may run (QUERY_TOO_COMPLEX beyond). */
  public int maxMutationFields() {
    return maxMutationFields;
  }
}
