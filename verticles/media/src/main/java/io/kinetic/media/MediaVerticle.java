package io.kinetic.media;

import io.kinetic.kernel.bus.BusServer;
import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.media.MediaApi;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Serves {@link MediaApi#UPLOAD_IMAGE}: decoding and resizing run on a pool of their own with
 * {@value #WORKERS} threads, so uploads never hold the event loop or the shared worker pool, and
 * at most that many decoded images are in memory at once.
 */
final class MediaVerticle extends VerticleBase {

  static final int WORKERS = 2;

  private final AppConfig.Media settings;
  private WorkerExecutor workers;

  MediaVerticle(AppConfig.Media settings) {
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    workers = vertx.createSharedWorkerExecutor("kinetic-media", WORKERS);
    var store = new ImageStore(Path.of(settings.directory()), settings.maxUploadBytes(), settings.maxDimension());
    return vertx.executeBlocking(() -> {
      // the WebP reader is found through the class path's ImageIO service entries
      ImageIO.scanForPlugins();
      ImageIO.setUseCache(false);
      store.prepare();
      return null;
    }).compose(v -> BusServer.serve(vertx, MediaApi.UPLOAD_IMAGE,
      (upload, caller) -> workers.executeBlocking(() -> store.store(upload.bytes()), false)).completion());
  }

  @Override
  public Future<?> stop() {
    return workers == null ? Future.succeededFuture() : workers.close();
  }
}
