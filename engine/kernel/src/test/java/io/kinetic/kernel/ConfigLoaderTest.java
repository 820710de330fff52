package io.kinetic.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.config.ConfigException;
import io.kinetic.kernel.config.ConfigLoader;
import io.kinetic.kernel.testing.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private final String dir = TestServices.configDir().toString();

  @Test
  void defaultsLoadAndValidate() {
    AppConfig config = ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", dir));
    assertEquals(8080, config.http().port());
    assertFalse(config.pg().configured(), "no URL by default: the embedded PostgreSQL starts");
    assertEquals("", config.auth().jwtSecret());
    assertTrue(config.auth().accessTtlSeconds() <= 900);
  }

  @Test
  void environmentOverridesEachKeyWithItsType() {
    AppConfig config = ConfigLoader.load(Map.of(
      "COMMERCE_CONFIG_DIR", dir,
      "COMMERCE_HTTP_PORT", "9090",
      "COMMERCE_PG_URL", "postgresql://u@db:5432/shop",
      "COMMERCE_PG_POOL_SIZE", "32",
      "COMMERCE_HTTP_METRICS", "false",
      "COMMERCE_JWT_SECRET", "0123456789abcdef0123456789abcdef-long-enough"));
    assertEquals(9090, config.http().port());
    assertEquals("postgresql://u@db:5432/shop", config.pg().url());
    assertEquals(32, config.pg().poolSize());
    assertFalse(config.http().metrics());
    assertTrue(config.auth().jwtSecret().startsWith("0123"));
    assertEquals("COMMERCE_HTTP_MAX_BODY_BYTES", ConfigLoader.envName("http.maxBodyBytes"));
  }

  @Test
  void badValuesStopTheStartNamingTheKey() {
    var notANumber = assertThrows(ConfigException.class,
      () -> ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", dir, "COMMERCE_HTTP_PORT", "eighty")));
    assertTrue(notANumber.getMessage().contains("http.port"), notANumber.getMessage());
    var outOfRange = assertThrows(ConfigException.class,
      () -> ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", dir, "COMMERCE_HTTP_PORT", "70000")));
    assertTrue(outOfRange.getMessage().contains("http.port"), outOfRange.getMessage());
    var badUrl = assertThrows(ConfigException.class,
      () -> ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", dir, "COMMERCE_REDIS_URL", "localhost:6379")));
    assertTrue(badUrl.getMessage().contains("redis.url"), badUrl.getMessage());
    var shortSecret = assertThrows(ConfigException.class,
      () -> ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", dir, "COMMERCE_JWT_SECRET", "short")));
    assertTrue(shortSecret.getMessage().contains("auth.jwtSecret"), shortSecret.getMessage());
  }

  @Test
  void profileFileOverlaysDefaultsAndSecretsMustNotBeInFiles(@TempDir Path tmp) throws Exception {
    Files.copy(Path.of(dir, "application.json"), tmp.resolve("application.json"));
    Files.writeString(tmp.resolve("application-load.json"), "{\"http\":{\"port\":9999}}");
    AppConfig config = ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", tmp.toString(), "COMMERCE_PROFILE", "load"));
    assertEquals(9999, config.http().port());
    assertEquals("load", config.profile());

    Files.writeString(tmp.resolve("application-leaky.json"), "{\"auth\":{\"jwtSecret\":\"in-a-file-is-wrong-0123456789abcdef\"}}");
    var leak = assertThrows(ConfigException.class,
      () -> ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", tmp.toString(), "COMMERCE_PROFILE", "leaky")));
    assertTrue(leak.getMessage().contains("auth.jwtSecret"), leak.getMessage());

    Files.writeString(tmp.resolve("application-scrape.json"), "{\"http\":{\"metricsToken\":\"in-a-file-is-wrong-0123456789\"}}");
    var token = assertThrows(ConfigException.class,
      () -> ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", tmp.toString(), "COMMERCE_PROFILE", "scrape")));
    assertTrue(token.getMessage().contains("http.metricsToken"), token.getMessage());
  }

  @Test
  void theMetricsTokenComesFromTheEnvironmentAndIsLongEnough() {
    assertEquals("", ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", dir)).http().metricsToken());
    AppConfig config = ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", dir, "COMMERCE_HTTP_METRICS_TOKEN", "scrape-me-0123456789"));
    assertEquals("scrape-me-0123456789", config.http().metricsToken());
    var tooShort = assertThrows(ConfigException.class,
      () -> ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", dir, "COMMERCE_HTTP_METRICS_TOKEN", "short")));
    assertTrue(tooShort.getMessage().contains("http.metricsToken"), tooShort.getMessage());
  }

  @Test
  void introspectionIsOffUnlessTheDevProfileOrTheEnvironmentTurnsItOn() {
    assertFalse(ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", dir)).graphql().introspection());
    assertTrue(ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", dir, "COMMERCE_PROFILE", "dev")).graphql().introspection());
    assertTrue(ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", dir, "COMMERCE_GRAPHQL_INTROSPECTION", "true")).graphql().introspection());
  }
}
