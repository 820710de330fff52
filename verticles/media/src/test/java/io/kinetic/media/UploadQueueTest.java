package io.kinetic.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.Contracts;
import io.kinetic.kernel.contract.media.MediaApi;
import io.kinetic.kernel.contract.media.StoredImage;
import io.kinetic.kernel.contract.media.UploadImage;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads queue for the media context's few decoders: callers wait for their image longer than the
 * bus timeout (a large one takes seconds), and more than can be finished in that wait are refused at
 * once with SERVICE_UNAVAILABLE and a retry hint, never left to time out (12 large uploads at once got
 * 504 BUS_TIMEOUT after 5 s: a probe finding).
 */
class UploadQueueTest {

  @TempDir
  Path dir;

  @Test
  void uploadsBeyondTheQueueAreRefusedAtOnceAndTheRestAreStored() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Contracts.register(vertx, MediaApi.CONTRACT);
      vertx.deployVerticle(new MediaVerticle(new AppConfig.Media(dir.toString(), 5_000_000, 4000))).await(30, TimeUnit.SECONDS);
      var image = new BufferedImage(1200, 900, BufferedImage.TYPE_INT_RGB);
      var g = image.createGraphics();
      g.setColor(Color.ORANGE);
      g.fillRect(0, 0, 1200, 900);
      g.dispose();
      var png = new ByteArrayOutputStream();
      ImageIO.write(image, "png", png);
      // a bus timeout far below a decoding's time: the endpoint's own wait applies
      var bus = new BusClient(vertx, 1);
      var uploads = new ArrayList<Future<StoredImage>>();
      int sent = MediaVerticle.MAX_PENDING + 6;
      for (int i = 0; i < sent; i++) {
        uploads.add(bus.request(MediaApi.UPLOAD_IMAGE, new UploadImage(png.toByteArray()), Caller.of("upload-" + i)));
      }
      Future.join(uploads).otherwiseEmpty().await(60, TimeUnit.SECONDS);
      int stored = 0;
      int busy = 0;
      for (var upload : uploads) {
        if (upload.succeeded()) {
          stored++;
        } else {
          Failure failure = Failure.from(upload.cause());
          assertEquals(ErrorCode.SERVICE_UNAVAILABLE, failure.errorCode(), failure.getMessage());
          assertEquals(MediaVerticle.RETRY_AFTER_SECONDS, failure.retryAfterSeconds());
          busy++;
        }
      }
      assertEquals(MediaVerticle.MAX_PENDING, stored);
      assertEquals(sent - MediaVerticle.MAX_PENDING, busy);

      // once they are done, the next one is taken
      var next = bus.request(MediaApi.UPLOAD_IMAGE, new UploadImage(png.toByteArray()), Caller.of("next")).await(60, TimeUnit.SECONDS);
      assertTrue(next.renditions().size() > 0);
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }
}
