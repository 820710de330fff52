package io.kinetic.kernel.contract.media;

import io.kinetic.kernel.bus.Endpoint;
import io.kinetic.kernel.contract.Contract;

/**
 * The media context's bus contract: product images uploaded by staff, checked, resized to the
 * storefront's sizes and stored under content-hashed names. It runs on every node with the gateway,
 * so an upload's bytes stay in the caller's JVM (handed over, not copied); it publishes no events.
 */
public final class MediaApi {

  /** The widths every upload is stored in (never wider than the original): product page at 2x, cards at 2x, thumbnails. */
  public static final java.util.List<Integer> WIDTHS = java.util.List.of(1280, 640, 400, 160);

  /**
   * An image decoded, checked and stored: seconds for a large one, and uploads queue for the media
   * context's few decoders, so callers wait up to 30 s (it refuses more than it can finish in that
   * time at once: SERVICE_UNAVAILABLE with a retry hint). An idempotency key's pending time must be
   * longer ({@code idempotency.pendingSeconds}, checked at start). A node without the media context
   * asks another one within the bus's shorter cross-node timeout, as for every endpoint.
   */
  public static final Endpoint<UploadImage, StoredImage> UPLOAD_IMAGE =
    Endpoint.local("media.upload-image", UploadImage.class, StoredImage.class).withTimeout(30_000);

  public static final Contract CONTRACT = Contract.of("media", null, UPLOAD_IMAGE);

  private MediaApi() {
  }
}
