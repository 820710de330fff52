package io.kinetic.checkout;

import java.nio.ByteBuffer;
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

  boolean verify(UUID orderId, String token) {
    if (token == null || token.length() > 100) {
      return false;
    }
    try {
      return MessageDigest.isEqual(mac(orderId), Base64.getUrlDecoder().decode(token));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private byte[] mac(UUID orderId) {
    return macs.get().doFinal(ByteBuffer.allocate(16).putLong(orderId.getMostSignificantBits())
      .putLong(orderId.getLeastSignificantBits()).array());
  }
}
