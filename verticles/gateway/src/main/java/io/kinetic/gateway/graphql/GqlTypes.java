package io.kinetic.gateway.graphql;

import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.error.FieldError;
import java.util.ArrayList;
import java.util.List;

/** GraphQL-only shapes of the common types (graphql/common.graphqls) that every edge returns. */
public final class GqlTypes {

  private GqlTypes() {
  }

  /** The {@code Problem} member of every result union: an expected business failure of a mutation. */
  public record Problem(String code, String message, List<FieldError> errors, Integer available) {
    public static Problem of(Failure failure) {
      return new Problem(failure.errorCode().string(), failure.detail(), failure.errors(), failure.available());
    }
  }

  public record Done(boolean ok) {
  }

  /** One edge of a connection (a GraphQL connection's edge, not a gateway edge). */
  public record ConnectionEdge(String cursor, Object node) {
  }

  public record PageInfo(boolean hasNextPage, String endCursor) {
  }

  public record Connection(List<ConnectionEdge> edges, PageInfo pageInfo) {
    /** A keyset page with one cursor per page (the catalog's): it goes on the last edge. */
    public static Connection of(List<?> items, String nextCursor) {
      var edges = new ArrayList<ConnectionEdge>(items.size());
      for (int i = 0; i < items.size(); i++) {
        edges.add(new ConnectionEdge(i == items.size() - 1 ? nextCursor : null, items.get(i)));
      }
      return new Connection(edges, new PageInfo(nextCursor != null, nextCursor));
    }
  }
}
