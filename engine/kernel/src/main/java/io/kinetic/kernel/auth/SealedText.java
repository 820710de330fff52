package io.kinetic.kernel.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short secrets that must travel through a durable place (an event log) without being readable
 * there: AES-256-GCM with a random 96-bit nonce, as URL-safe base64 of nonce + ciphertext + tag.
 * Only a holder of the key (a {@link DerivedKeys} key of the purpose) can read or forge one.
 */
public final class SealedText {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;

  private SealedText() {
  }

  public static String seal(byte[] key, String text) {
    byte[] nonce = new byte[NONCE];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce);
      byte[] sealed = cipher.doFinal(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text; IllegalArgumentException when {@code sealed} was not sealed with this key or was altered. */
  public static String open(byte[] key, String sealed) {
    try {
      byte[] all = Base64.getUrlDecoder().decode(sealed);
      if (all.length <= NONCE) {
        throw new IllegalArgumentException("not a sealed text");
      }
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, java.util.Arrays.copyOf(all, NONCE));
      return new String(cipher.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not sealed with this key, or altered", e);
    }
  }

  private static Cipher cipher(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, 0, 32, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    return cipher;
  }
}
