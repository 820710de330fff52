package io.kinetic.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.error.ErrorCode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The storefront says every problem code of the API in words, in English and German
 * ({@code webroot/js/store/error-messages.js}): a new code without its sentences fails here.
 */
class ErrorMessagesTest {

  private static final Pattern ENTRY = Pattern.compile("^\\s+([A-Z_]+): '", Pattern.MULTILINE);

  @Test
  void everyCodeHasAnEnglishAndAGermanSentence() throws Exception {
    String file;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("webroot/js/store/error-messages.js")) {
      assertNotNull(in, "webroot/js/store/error-messages.js is packaged with the gateway");
      file = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int de = file.indexOf("const de = {");
    assertTrue(de > 0, "a German table");
    Set<String> english = codes(file.substring(0, de));
    Set<String> german = codes(file.substring(de));
    List<String> all = Arrays.stream(ErrorCode.values()).map(ErrorCode::name).toList();
    assertEquals(List.of(), all.stream().filter(c -> !english.contains(c)).toList(), "codes without an English sentence");
    assertEquals(List.of(), all.stream().filter(c -> !german.contains(c)).toList(), "codes without a German sentence");
    assertEquals(english, german, "the same codes in both languages");
  }

  private static Set<String> codes(String table) {
    var codes = new LinkedHashSet<String>();
    Matcher m = ENTRY.matcher(table);
    while (m.find()) {
      codes.add(m.group(1));
    }
    return codes;
  }
}
