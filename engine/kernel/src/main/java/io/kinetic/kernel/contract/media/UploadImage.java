package io.kinetic.kernel.contract.media;

/**
 * An image to store, as uploaded. Reply: {@link StoredImage}. Fails {@code UNSUPPORTED_MEDIA_TYPE}
 * (not a JPEG, PNG, WebP or GIF by its content, whatever the name or header said),
 * {@code PAYLOAD_TOO_LARGE} (over {@code media.maxUploadBytes}), {@code MEDIA_INVALID} (unreadable, or
 * wider or higher than {@code media.maxDimension}).
 */
public record UploadImage(byte[] bytes) {
}
