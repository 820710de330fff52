package io.kinetic.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.address.PostalCodes;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The address forms leave the postal code optional in the countries the API does
 * ({@code POSTAL_CODE_OPTIONAL} in {@code webroot/js/shared/address.js}, {@link PostalCodes#OPTIONAL}).
 */
class PostalCodeListTest {

  @Test
  void theFormsAndTheApiAgreeWhereAPostalCodeIsOptional() throws Exception {
    String file;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("webroot/js/shared/address.js")) {
      assertNotNull(in, "webroot/js/shared/address.js is packaged with the gateway");
      file = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int start = file.indexOf("POSTAL_CODE_OPTIONAL = Object.freeze(`");
    assertTrue(start > 0, "the list in address.js");
    String list = file.substring(file.indexOf('`', start) + 1, file.indexOf('`', file.indexOf('`', start) + 1));
    assertEquals(new TreeSet<>(PostalCodes.OPTIONAL), new TreeSet<>(Set.of(list.trim().split("\\s+"))));
  }
}
