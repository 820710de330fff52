package io.kinetic.kernel.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys of their own for each purpose, derived from the engine's one secret ({@code auth.jwtSecret})
 * with HMAC-SHA256: a key for one purpose tells nothing about another's, and every node of a
 * cluster derives the same ones.
 */
public final class DerivedKeys {

  private DerivedKeys() {
  }

  /** 32 bytes for {@code purpose}. */
  public static byte[] derive(String secret, String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
