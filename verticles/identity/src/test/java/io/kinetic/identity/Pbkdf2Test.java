package io.kinetic.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class Pbkdf2Test {

  @Test
  void aHashIsSaltedEncodedAndVerifies() {
    String hash = Pbkdf2.hash("open sesame!", 1000);
    String[] parts = hash.split("\\$");

    assertEquals("pbkdf2-sha256", parts[0]);
    assertEquals("1000", parts[1]);
    assertEquals(16, Base64.getDecoder().decode(parts[2]).length);
    assertEquals(32, Base64.getDecoder().decode(parts[3]).length);
    assertTrue(Pbkdf2.verify("open sesame!", hash));
    assertFalse(Pbkdf2.verify("open sesame?", hash));
    assertNotEquals(hash, Pbkdf2.hash("open sesame!", 1000));
  }

  @Test
  void theIterationCountIsTakenFromTheStoredHash() {
    assertTrue(Pbkdf2.verify("open sesame!", Pbkdf2.hash("open sesame!", 1500)));
  }

  @Test
  void anythingThatIsNotOurHashNeverVerifies() {
    for (String bogus : new String[] {"", "open sesame!", "bcrypt$10$abc$def", "pbkdf2-sha256$x$AAAA$AAAA",
      "pbkdf2-sha256$1000$!!$AAAA", "pbkdf2-sha256$0$AAAA$AAAA", "pbkdf2-sha256$1000$AAAA$"}) {
      assertFalse(Pbkdf2.verify("open sesame!", bogus), bogus);
    }
  }
}
