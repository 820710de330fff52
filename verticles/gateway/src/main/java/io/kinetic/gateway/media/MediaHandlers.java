package io.kinetic.gateway.media;

import io.kinetic.gateway.Replies;
import io.kinetic.gateway.Requests;
import io.kinetic.gateway.edge.EdgeHandlers;
import io.kinetic.gateway.edge.RestOperations;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.contract.media.MediaApi;
import io.kinetic.kernel.contract.media.UploadImage;
import io.kinetic.kernel.error.ErrorCode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;

/**
 * The media edge in one gateway instance. An upload's bytes (the body the core has buffered, within
 * {@code media.maxUploadBytes}) go to the media context as they are; every check is the context's.
 * A stored file is sent from disk with {@code Cache-Control: public, max-age=31536000, immutable}:
 * its name carries the hash of its content, so it never changes under that name.
 */
final class MediaHandlers implements EdgeHandlers {

  /** The names the media context writes: a 32-hex hash, the size slot, jpg or png. Nothing else is served. */
  static final String FILE = "/media/(?<file>[0-9a-f]{32}-[0-9]{2,4}\\.(jpg|png))";
  private static final String CACHE = "public, max-age=31536000, immutable";

  private final BusClient bus;
  private final Path directory;

  MediaHandlers(BusClient bus, Path directory) {
    this.bus = bus;
    this.directory = directory;
  }

  @Override
  public void bindOperations(RestOperations operations) {
    operations.bind("adminUploadMedia", rc -> {
      byte[] bytes = rc.body() == null || rc.body().buffer() == null ? new byte[0] : rc.body().buffer().getBytes();
      bus.request(MediaApi.UPLOAD_IMAGE, new UploadImage(bytes), Requests.caller(rc)).onComplete(Replies.to(rc, Replies::created));
    });
  }

  @Override
  public void mountRoutes(Router router) {
    router.routeWithRegex(FILE).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::serve);
  }

  private void serve(RoutingContext rc) {
    String file = rc.pathParam("file");
    String path = directory.resolve(file).toString();
    rc.vertx().fileSystem().exists(path).onComplete(exists -> {
      if (exists.failed() || !exists.result()) {
        rc.fail(ErrorCode.NOT_FOUND.failure("no such image"));
        return;
      }
      rc.response()
        .putHeader(HttpHeaders.CACHE_CONTROL, CACHE)
        .putHeader(HttpHeaders.CONTENT_TYPE, file.endsWith(".png") ? "image/png" : "image/jpeg")
        .putHeader(HttpHeaders.ETAG, "\"" + file + "\"");
      if (("\"" + file + "\"").equals(rc.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
        rc.response().setStatusCode(304).end();
        return;
      }
      if (rc.request().method() == HttpMethod.HEAD) {
        rc.vertx().fileSystem().props(path).onComplete(props -> rc.response()
          .putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(props.succeeded() ? props.result().size() : 0)).end());
        return;
      }
      rc.response().sendFile(path).onFailure(e -> {
        if (!rc.response().headWritten()) {
          rc.fail(ErrorCode.NOT_FOUND.failure("no such image"));
        }
      });
    });
  }
}
