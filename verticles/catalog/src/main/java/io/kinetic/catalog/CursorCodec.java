package io.kinetic.catalog;

import io.kinetic.kernel.contract.catalog.ProductSort;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a {@link Cursor} into opaque base64url text and back. The text carries a keyed HMAC-SHA256
 * (truncated to 128 bits, compared in constant time), so a client can neither forge a cursor nor
 * edit one; the key is derived from the JWT secret ({@code HMAC-SHA256(auth.jwtSecret, "cursor")}),
 * so every node of a cluster accepts the cursors of the others. What a cursor decodes to is
 * range-checked anyway. Anything else fails {@code INVALID_CURSOR}.
 */
final class CursorCodec {

  /** Longer texts are not cursors this codec made (the REST contract allows 512 characters). */
  static final int MAX_TEXT = 1024;
  /** The earliest and latest creation time a NEWEST cursor may name (PostgreSQL goes to 294276 AD). */
  static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
  /** A product name is at most 200 characters ({@link ProductValidator}). */
  static final int MAX_NAME_KEY = 200;
  private static final String ALGORITHM = "HmacSHA256";
  private static final int MAC_BYTES = 16;
  private static final char SEP = '\n';

  private final SecretKeySpec key;

  private CursorCodec(byte[] key) {
    this.key = new SecretKeySpec(key, ALGORITHM);
  }

  /**
   * The codec of an engine whose JWT secret is {@code jwtSecret}. Without a secret (only in tests
   * that start the catalog alone) the key is random: cursors then live as long as this codec.
   */
  static CursorCodec fromSecret(String jwtSecret) {
    byte[] secret = jwtSecret == null || jwtSecret.isEmpty() ? randomBytes() : jwtSecret.getBytes(StandardCharsets.UTF_8);
    return new CursorCodec(hmac(new SecretKeySpec(secret, ALGORITHM), "cursor".getBytes(StandardCharsets.UTF_8)));
  }

  String encode(Cursor cursor) {
    String payload = cursor.sort().name() + SEP + (cursor.currency() == null ? "" : cursor.currency()) + SEP
      + cursor.id() + SEP + cursor.key();
    byte[] body = payload.getBytes(StandardCharsets.UTF_8);
    byte[] mac = mac(body);
    byte[] out = Arrays.copyOf(mac, MAC_BYTES + body.length);
    System.arraycopy(body, 0, out, MAC_BYTES, body.length);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
  }

  /** Decodes a cursor given back for {@code sort} (and {@code currency} for price sorts); throws INVALID_CURSOR. */
  Cursor decode(String text, ProductSort sort, String currency) {
    if (text.length() > MAX_TEXT) {
      throw invalid();
    }
    Cursor cursor;
    try {
      byte[] raw = Base64.getUrlDecoder().decode(text);
      if (raw.length <= MAC_BYTES) {
        throw invalid();
      }
      byte[] body = Arrays.copyOfRange(raw, MAC_BYTES, raw.length);
      if (!MessageDigest.isEqual(Arrays.copyOf(raw, MAC_BYTES), mac(body))) {
        throw invalid();
      }
      String[] parts = new String(body, StandardCharsets.UTF_8).split(String.valueOf(SEP), 4);
      if (parts.length != 4) {
        throw invalid();
      }
      cursor = new Cursor(ProductSort.valueOf(parts[0]), parts[1].isEmpty() ? null : parts[1], parts[3], UUID.fromString(parts[2]));
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    boolean priceSort = sort == ProductSort.PRICE_ASC || sort == ProductSort.PRICE_DESC;
    if (cursor.sort() != sort || (priceSort ? !currency.equals(cursor.currency()) : cursor.currency() != null)
      || !inRange(cursor)) {
      throw invalid();
    }
    return cursor;
  }

  /** The key is one a product row can have: a time PostgreSQL and Java agree on, a valid amount, a name. */
  private static boolean inRange(Cursor cursor) {
    String key = cursor.key();
    try {
      return switch (cursor.sort()) {
        case NEWEST -> {
          Instant at = Instant.parse(key);
          yield !at.isBefore(EARLIEST) && !at.isAfter(LATEST);
        }
        case PRICE_ASC, PRICE_DESC -> {
          long amount = Long.parseLong(key);
          yield amount >= 0 && amount <= ProductValidator.MAX_AMOUNT;
        }
        case NAME -> key.length() <= MAX_NAME_KEY && !FieldErrors.hasNul(key);
      };
    } catch (DateTimeException | NumberFormatException e) {
      return false;
    }
  }

  private byte[] mac(byte[] body) {
    return Arrays.copyOf(hmac(key, body), MAC_BYTES);
  }

  private static byte[] hmac(SecretKeySpec key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  private static Failure invalid() {
    return ErrorCode.INVALID_CURSOR.failure("the cursor is not one this list gave out");
  }
}
