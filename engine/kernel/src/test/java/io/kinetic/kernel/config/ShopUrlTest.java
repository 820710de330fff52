package io.kinetic.kernel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kinetic.kernel.testing.TestServices;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The storefront's address in mails and pages: set, it is used as set; not set, it is this engine
 * on its own port (an engine moved off a busy 8080 linked to 8080 in its password-reset mails).
 */
class ShopUrlTest {

  private static String shopUrl(Map<String, String> env) {
    var all = new java.util.HashMap<>(env);
    all.put("COMMERCE_CONFIG_DIR", TestServices.configDir().toString());
    return AppConfig.from(ConfigLoader.loadJson(all)).mail().shopUrl();
  }

  @Test
  void unsetItIsThisEngineOnItsPort() {
    assertEquals("http://localhost:8080", shopUrl(Map.of()));
    assertEquals("http://localhost:9090", shopUrl(Map.of("COMMERCE_HTTP_PORT", "9090")));
  }

  @Test
  void setItIsUsedAsSet() {
    assertEquals("https://shop.example.com", shopUrl(Map.of("COMMERCE_HTTP_PORT", "9090", "COMMERCE_MAIL_SHOP_URL", "https://shop.example.com")));
  }
}
