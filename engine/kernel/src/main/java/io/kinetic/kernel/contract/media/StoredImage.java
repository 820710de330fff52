package io.kinetic.kernel.contract.media;

import java.util.List;

/**
 * An uploaded image as stored: {@code url} is its largest rendition (what a product's media list
 * keeps), {@code format} the format it was sniffed as ({@code jpeg}, {@code png}, {@code webp},
 * {@code gif}), {@code width} and {@code height} the original's, and each rendition's address.
 * Renditions are named {@code /media/<hash>-<width>.<jpg|png>}: the hash is of the uploaded bytes,
 * so an address never changes content and is cached for a year.
 */
public record StoredImage(String url, String format, int width, int height, List<Rendition> renditions) {

  /** One stored size. */
  public record Rendition(int width, int height, String url) {
  }
}
