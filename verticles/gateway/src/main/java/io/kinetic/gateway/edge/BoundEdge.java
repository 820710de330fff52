package io.kinetic.gateway.edge;

/** An edge with its handlers in one gateway verticle instance. */
public record BoundEdge(Edge edge, EdgeHandlers handlers) {

  public static BoundEdge of(Edge edge, EdgeContext context) {
    return new BoundEdge(edge, edge.handlers(context));
  }
}
