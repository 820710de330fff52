package io.kinetic.checkout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed access tokens for orders: HMAC-SHA256 of the order id with a key derived from the engine's
 * secret. Whoever holds an order's token may see that order (a guest's link from the confirmation
 * page or e-mail); it names no other order, and it is never stored.
 */
final class OrderLinks {

  private final byte[] key;
  private final ThreadLocal<Mac> macs;

  OrderLinks(byte[] key) {
    this.key = key.clone();
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  String token(UUID orderId) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(orderId));
  }

  /**
   * Whether {@code token} is the order's, exactly as {@link #token} spells it: compared as text (in
   * constant time), not decoded first, so that no other spelling of the same bytes (padding, the
   * last character's unused bits, the other base64 alphabet) passes.
   */
  boolean verify(UUID orderId, String token) {
    if (token == null || token.length() > 100) {
      return false;
    }
    return MessageDigest.isEqual(token(orderId).getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.UTF_8));
  }

  private byte[] mac(UUID orderId) {
    return macs.get().doFinal(ByteBuffer.allocate(16).putLong(orderId.getMostSignificantBits())
      .putLong(orderId.getLeastSignificantBits()).array());
  }
}
