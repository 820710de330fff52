package io.kinetic.gateway.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the idempotency records in Redis reveal: nothing readable. A record's name is an
 * HMAC-SHA256 of the caller's scope and key, and the answer it keeps (which may hold access and
 * refresh tokens: logins, registrations, refreshes) is sealed with AES-256-GCM, bound to that
 * name. Both keys are derived from the JWT secret, which every node of a cluster shares, so any
 * node finds and opens the records of another; without the secret (a tests-only gateway) a
 * random one serves this process.
 */
final class Sealing {

  private static final String HMAC = "HmacSHA256";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private final SecretKeySpec names;
  private final SecretKeySpec answers;

  Sealing(String jwtSecret) {
    byte[] secret = jwtSecret == null || jwtSecret.isEmpty() ? random(32) : jwtSecret.getBytes(StandardCharsets.UTF_8);
    var master = new SecretKeySpec(secret, HMAC);
    this.names = new SecretKeySpec(hmac(master, "idempotency-names".getBytes(StandardCharsets.UTF_8)), HMAC);
    this.answers = new SecretKeySpec(hmac(master, "idempotency-answers".getBytes(StandardCharsets.UTF_8)), "AES");
  }

  /** The Redis key of {@code key} for {@code scope}: {@code gateway:idempotency:<hmac>}. */
  String name(String scope, String key) {
    // the key is printable ASCII: the first line break separates it from the scope
    return "gateway:idempotency:" + HEX.formatHex(hmac(names, (key + "\n" + scope).getBytes(StandardCharsets.UTF_8)));
  }

  /** SHA-256 of what makes two requests the same request, in hex. */
  static String fingerprint(String method, String path, String query, byte[] body) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update((method + "\n" + path + "\n" + (query == null ? "" : query) + "\n").getBytes(StandardCharsets.UTF_8));
      digest.update(body);
      return HEX.formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code plain} sealed for the record {@code name}: base64 of nonce and ciphertext. */
  String seal(byte[] plain, String name) {
    try {
      byte[] nonce = random(NONCE_BYTES);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, answers, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plain);
      byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal an idempotent answer", e);
    }
  }

  /** The plain bytes of a sealed answer of record {@code name}; throws when it was not sealed so. */
  byte[] open(String sealed, String name) throws GeneralSecurityException {
    byte[] in;
    try {
      in = Base64.getDecoder().decode(sealed);
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("not base64", e);
    }
    if (in.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new GeneralSecurityException("too short");
    }
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.DECRYPT_MODE, answers, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
    cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
    return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
  }

  private static byte[] hmac(SecretKeySpec key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] random(int bytes) {
    byte[] out = new byte[bytes];
    RANDOM.nextBytes(out);
    return out;
  }
}
