package io.kinetic.media;

import io.kinetic.kernel.bus.BusServer;
import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.media.MediaApi;
import io.kinetic.kernel.error.Failure;
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
    }).compose(v -> BusServer.serve(vertx, MediaApi.UPLOAD_IMAGE, (upload, caller) -> {
      // more than the decoders can finish within the callers' wait is refused at once, with a retry
      // hint, rather than left to time out (an answer that cannot say whether the image was stored)
      if (pending >= MAX_PENDING) {
        return Future.failedFuture(Failure.busy("the shop is storing " + pending
          + " other images: upload this one again in a few seconds", RETRY_AFTER_SECONDS));
      }
      pending++;
      return workers.executeBlocking(() -> store.store(upload.bytes()), false).onComplete(done -> pending--);
    }).completion());
  }

  /**
   * Uploads being decoded or waiting for a decoder at most: a large image (up to the dimension
   * limit) takes 2 to 4 s on one core, so this many finish within the callers' 30 s on two decoders.
   */
  static final int MAX_PENDING = 12;
  static final long RETRY_AFTER_SECONDS = 5;
  /** Uploads taken and not answered yet (on this verticle's event loop). */
  private int pending;

  @Override
  public Future<?> stop() {
    return workers == null ? Future.succeededFuture() : workers.close();
  }
}
