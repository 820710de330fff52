package io.kinetic.gateway.media;

import io.kinetic.gateway.edge.Edge;
import io.kinetic.gateway.edge.EdgeContext;
import io.kinetic.gateway.edge.EdgeHandlers;
import io.kinetic.gateway.edge.GraphQlApi;
import io.kinetic.kernel.contract.Contract;
import io.kinetic.kernel.contract.media.MediaApi;
import java.nio.file.Path;
import java.util.List;

/**
 * The media's edge: staff's image upload over REST ({@code openapi/media.yaml}), handed to the
 * media context as one {@link MediaApi#UPLOAD_IMAGE} request, and the stored files served from
 * {@code media.directory} at {@code /media/<hash>-<width>.<ext>} with a year's cache. No GraphQL:
 * an upload is bytes, which GraphQL has no standard way to carry.
 */
public final class MediaEdge implements Edge {

  @Override
  public String name() {
    return "media";
  }

  @Override
  public List<Contract> contracts() {
    return List.of(MediaApi.CONTRACT);
  }

  @Override
  public List<String> openApiFragments() {
    return List.of("openapi/media.yaml");
  }

  @Override
  public List<String> graphqlFragments(GraphQlApi api) {
    return List.of();
  }

  @Override
  public EdgeHandlers handlers(EdgeContext context) {
    return new MediaHandlers(context.bus(), Path.of(context.config().media().directory()));
  }
}
