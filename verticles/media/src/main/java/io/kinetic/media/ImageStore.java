package io.kinetic.media;

import io.kinetic.kernel.contract.media.MediaApi;
import io.kinetic.kernel.contract.media.StoredImage;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.ExifUtils;
import net.coobird.thumbnailator.util.exif.Orientation;

/**
 * Checks, resizes and stores one uploaded image (blocking: called on the media worker pool).
 * <ol>
 *   <li>the type by its first bytes (JPEG, PNG, WebP, GIF), never by a name or a header: anything
 *   else is {@code UNSUPPORTED_MEDIA_TYPE};</li>
 *   <li>the size ({@code PAYLOAD_TOO_LARGE}) and the dimensions from the header, before anything is
 *   decoded, so a small file that claims a huge picture is refused without allocating it
 *   ({@code MEDIA_INVALID}, as is a file that does not decode);</li>
 *   <li>decoded once (EXIF orientation applied, a GIF's first frame), read with subsampling when the
 *   picture is more than {@value #SUBSAMPLE_ABOVE} pixels wider than it needs to be for the largest size
 *   (every n-th pixel, still at least that wide), so a big photo or a small file that inflates to
 *   64 megapixels costs a few megapixels of memory and time, not the whole picture; then written for each of
 *   {@link MediaApi#WIDTHS} (never wider than the original) as JPEG (quality {@value #QUALITY}), or PNG
 *   when the image has transparency, named {@code <hash>-<width>.<ext>} after the SHA-256 of the
 *   uploaded bytes: the same upload twice is stored once, and a name never changes content.</li>
 * </ol>
 * Files are written to a temporary name and moved into place, so a reader never sees half a file.
 */
final class ImageStore {

  static final String URL_PREFIX = "/media/";
  static final float QUALITY = 0.85f;
  private static final int HASH_HEX = 32;
  /** Read at least twice the largest rendition's width, so the resize still averages pixels. */
  static final int SUBSAMPLE_ABOVE = 2 * MediaApi.WIDTHS.stream().mapToInt(Integer::intValue).max().orElseThrow();

  private final Path directory;
  private final int maxBytes;
  private final int maxDimension;

  ImageStore(Path directory, int maxBytes, int maxDimension) {
    this.directory = directory;
    this.maxBytes = maxBytes;
    this.maxDimension = maxDimension;
  }

  void prepare() throws IOException {
    Files.createDirectories(directory);
  }

  StoredImage store(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw ErrorCode.UNSUPPORTED_MEDIA_TYPE.failure("the upload is empty: send a JPEG, PNG, WebP or GIF image");
    }
    if (bytes.length > maxBytes) {
      throw ErrorCode.PAYLOAD_TOO_LARGE.failure("an image may be at most " + maxBytes + " bytes, this one is " + bytes.length);
    }
    String format = sniff(bytes);
    if (format == null) {
      throw ErrorCode.UNSUPPORTED_MEDIA_TYPE.failure("the upload is not a JPEG, PNG, WebP or GIF image");
    }
    checkDimensions(bytes, format);
    Decoded decoded = decode(bytes, format);
    BufferedImage image = decoded.image();
    boolean alpha = image.getColorModel().hasAlpha();
    String ext = alpha ? "png" : "jpg";
    String hash = hash(bytes);
    var renditions = new ArrayList<StoredImage.Rendition>();
    for (int slot : MediaApi.WIDTHS) {
      int width = Math.min(slot, decoded.width());
      int height = Math.max(1, (int) Math.round((double) decoded.height() * width / decoded.width()));
      String name = hash + "-" + slot + "." + ext;
      write(name, () -> resize(image, width, height, alpha));
      renditions.add(new StoredImage.Rendition(width, height, URL_PREFIX + name));
    }
    return new StoredImage(renditions.get(0).url(), format, decoded.width(), decoded.height(), List.copyOf(renditions));
  }

  /** The format by the file's magic bytes, or null. */
  static String sniff(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
      return "jpeg";
    }
    if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
      && b[4] == 0x0D && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) {
      return "png";
    }
    if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8' && (b[4] == '7' || b[4] == '9') && b[5] == 'a') {
      return "gif";
    }
    if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
      && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
      return "webp";
    }
    return null;
  }

  /** Reads only the header's width and height. */
  private void checkDimensions(byte[] bytes, String format) {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
    if (!readers.hasNext()) {
      throw ErrorCode.UNSUPPORTED_MEDIA_TYPE.failure("no reader for " + format + " images is installed");
    }
    ImageReader reader = readers.next();
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, true);
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      if (width < 1 || height < 1) {
        throw invalid("the image has no pixels");
      }
      if (width > maxDimension || height > maxDimension) {
        throw invalid("an image may be at most " + maxDimension + " × " + maxDimension + " pixels, this one is "
          + width + " × " + height);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof Failure f) {
        throw f;
      }
      throw invalid("the " + format + " image cannot be read (damaged or cut short)");
    } finally {
      reader.dispose();
    }
  }

  /** The picture as shown (EXIF orientation applied), maybe subsampled, and the original's width and height as shown. */
  record Decoded(BufferedImage image, int width, int height) {
  }

  /**
   * Decodes the first image, every n-th pixel in both directions when the picture as shown is
   * wider than {@link #SUBSAMPLE_ABOVE} (n the largest that keeps it at least that wide), then
   * applies the EXIF orientation as Thumbnailator does.
   */
  static Decoded decode(byte[] bytes, String format) {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
    if (!readers.hasNext()) {
      throw ErrorCode.UNSUPPORTED_MEDIA_TYPE.failure("no reader for " + format + " images is installed");
    }
    ImageReader reader = readers.next();
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, false, false);
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      Orientation orientation = orientation(reader);
      boolean swapped = orientation != null && orientation.ordinal() >= Orientation.LEFT_TOP.ordinal();
      int shownWidth = swapped ? height : width;
      int shownHeight = swapped ? width : height;
      ImageReadParam param = reader.getDefaultReadParam();
      int step = Math.max(1, shownWidth / SUBSAMPLE_ABOVE);
      if (step > 1) {
        param.setSourceSubsampling(step, step, 0, 0);
      }
      BufferedImage image = reader.read(0, param);
      if (orientation != null && orientation != Orientation.TOP_LEFT) {
        image = ExifFilterUtils.getFilterForOrientation(orientation).apply(image);
      }
      return new Decoded(image, shownWidth, shownHeight);
    } catch (IOException | RuntimeException e) {
      if (e instanceof Failure f) {
        throw f;
      }
      throw invalid("the image cannot be read (damaged or cut short)");
    } finally {
      reader.dispose();
    }
  }

  /** The EXIF orientation of a JPEG, or null (none, another format, unreadable metadata). */
  private static Orientation orientation(ImageReader reader) {
    try {
      return ExifUtils.getExifOrientation(reader, 0);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static byte[] resize(BufferedImage image, int width, int height, boolean alpha) throws IOException {
    var out = new ByteArrayOutputStream();
    var builder = Thumbnails.of(image).forceSize(width, height)
      .imageType(alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    if (alpha) {
      builder.outputFormat("png");
    } else {
      builder.outputFormat("jpg").outputQuality(QUALITY);
    }
    builder.toOutputStream(out);
    return out.toByteArray();
  }

  private interface Encoder {
    byte[] encode() throws IOException;
  }

  private void write(String name, Encoder encoder) {
    Path target = directory.resolve(name);
    if (Files.exists(target)) {
      return;
    }
    try {
      Path temp = Files.createTempFile(directory, ".upload-", ".tmp");
      try {
        Files.write(temp, encoder.encode());
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  private static String hash(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, HASH_HEX);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Failure invalid(String detail) {
    return ErrorCode.MEDIA_INVALID.failure(detail);
  }
}
