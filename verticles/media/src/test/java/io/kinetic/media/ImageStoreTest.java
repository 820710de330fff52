package io.kinetic.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.media.StoredImage;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The media context's checks and renditions, on the formats the HTTP test does not send: GIF and WebP. */
class ImageStoreTest {

  /** A 1 × 1 lossless WebP (no Java encoder exists to make one in the test). */
  private static final byte[] WEBP = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

  @TempDir
  Path dir;

  @BeforeAll
  static void plugins() {
    ImageIO.scanForPlugins();
  }

  private ImageStore store() throws Exception {
    var store = new ImageStore(dir, 100_000, 1000);
    store.prepare();
    return store;
  }

  @Test
  void aGifAndAWebpAreStoredAsJpegOrPng() throws Exception {
    var image = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(Color.ORANGE);
    g.fillRect(0, 0, 300, 200);
    g.dispose();
    var gif = new ByteArrayOutputStream();
    ImageIO.write(image, "gif", gif);
    StoredImage stored = store().store(gif.toByteArray());
    assertEquals("gif", stored.format());
    assertEquals(300, stored.width());
    for (var r : stored.renditions()) {
      assertTrue(Files.size(dir.resolve(r.url().substring("/media/".length()))) > 0, r.url());
    }

    StoredImage webp = store().store(WEBP);
    assertEquals("webp", webp.format());
    assertEquals(1, webp.width());
    assertEquals(1, webp.renditions().get(0).width());
  }

  @Test
  void refusalsCarryTheirCodes() throws Exception {
    var store = store();
    assertEquals(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
      assertThrows(Failure.class, () -> store.store("<svg></svg>".getBytes(StandardCharsets.UTF_8))).errorCode());
    assertEquals(ErrorCode.UNSUPPORTED_MEDIA_TYPE, assertThrows(Failure.class, () -> store.store(new byte[0])).errorCode());
    assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, assertThrows(Failure.class, () -> store.store(new byte[100_001])).errorCode());
    var wide = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(1001, 10, BufferedImage.TYPE_INT_RGB), "png", wide);
    Failure tooWide = assertThrows(Failure.class, () -> store.store(wide.toByteArray()));
    assertEquals(ErrorCode.MEDIA_INVALID, tooWide.errorCode());
    assertTrue(tooWide.detail().contains("1001 × 10"), tooWide.detail());
    byte[] cut = java.util.Arrays.copyOf(WEBP, 20);
    assertEquals(ErrorCode.MEDIA_INVALID, assertThrows(Failure.class, () -> store.store(cut)).errorCode());
  }

  /**
   * A PNG of 186 KB that inflates to 7999 × 7999 (64 megapixels, 256 MB as an image) is read with
   * subsampling: a few megapixels in memory, the renditions as from the whole picture, the
   * original's size in the answer. Decoded whole it took longer than the bus timeout (504).
   */
  @Test
  void aHugePictureIsReadSubsampledYetReportedWhole() throws Exception {
    byte[] bomb = blankPng(7999, 7999);
    assertTrue(bomb.length < 300_000, "small file: " + bomb.length);
    ImageStore.Decoded decoded = ImageStore.decode(bomb, "png");
    assertEquals(7999, decoded.width());
    assertEquals(7999, decoded.height());
    assertTrue(decoded.image().getWidth() >= ImageStore.SUBSAMPLE_ABOVE && decoded.image().getWidth() < 2 * ImageStore.SUBSAMPLE_ABOVE,
      "decoded " + decoded.image().getWidth() + " wide");

    var store = new ImageStore(dir, 1_000_000, 8000);
    store.prepare();
    StoredImage stored = store.store(bomb);
    assertEquals(7999, stored.width());
    assertEquals(7999, stored.height());
    assertEquals(1280, stored.renditions().get(0).width());
    assertEquals(1280, stored.renditions().get(0).height());
    var largest = ImageIO.read(dir.resolve(stored.url().substring("/media/".length())).toFile());
    assertEquals(1280, largest.getWidth());

    // a small picture is read whole
    var small = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB), "png", small);
    assertEquals(300, ImageStore.decode(small.toByteArray(), "png").image().getWidth());
  }

  /** A black RGB PNG of {@code width} × {@code height}, its rows deflated together (tiny for blank rows). */
  private static byte[] blankPng(int width, int height) throws Exception {
    var raw = new java.util.zip.Deflater(9);
    var idat = new ByteArrayOutputStream();
    try (var out = new java.util.zip.DeflaterOutputStream(idat, raw, 1 << 16)) {
      byte[] row = new byte[1 + 3 * width];
      for (int y = 0; y < height; y++) {
        out.write(row);
      }
    }
    var png = new ByteArrayOutputStream();
    png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    var ihdr = java.nio.ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0)
      .put((byte) 0).put((byte) 0).array();
    chunk(png, "IHDR", ihdr);
    chunk(png, "IDAT", idat.toByteArray());
    chunk(png, "IEND", new byte[0]);
    return png.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    var crc = new java.util.zip.CRC32();
    crc.update(name);
    crc.update(data);
    png.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
    png.writeBytes(name);
    png.writeBytes(data);
    png.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
