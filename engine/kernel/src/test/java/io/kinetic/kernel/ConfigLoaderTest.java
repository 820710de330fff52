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
import java.util.List;
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
    assertEquals(86_400, config.idempotency().ttlSeconds(), "idempotency keys are kept 24 h");
    assertEquals(60, config.idempotency().pendingSeconds());
  }

  @Test
  void anIdempotencyKeyIsHeldLongerThanABusRequestMayTake() {
    var error = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", dir,
      "COMMERCE_IDEMPOTENCY_PENDING_SECONDS", "10", "COMMERCE_BUS_TIMEOUT_MILLIS", "10000")));
    assertTrue(error.getMessage().contains("idempotency.pendingSeconds"), error.getMessage());
    // and longer than an image upload may wait for its decoder (30 s), whatever the bus timeout
    var upload = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", dir,
      "COMMERCE_IDEMPOTENCY_PENDING_SECONDS", "20")));
    assertTrue(upload.getMessage().contains("image upload"), upload.getMessage());
  }

  @Test
  void environmentOverridesEachKeyWithItsType() {
    AppConfig config = ConfigLoader.load(Map.of(
      "COMMERCE_CONFIG_DIR", dir,
      "COMMERCE_HTTP_PORT", "9090",
      "COMMERCE_PG_URL", "postgresql://u@db:5432/shop",
      "COMMERCE_PG_POOL_SIZE", "32",
      "COMMERCE_HTTP_METRICS", "false",
      "COMMERCE_HTTP_BUS_METRICS", "true",
      "COMMERCE_JWT_SECRET", "0123456789abcdef0123456789abcdef-long-enough"));
    assertEquals(9090, config.http().port());
    assertEquals("postgresql://u@db:5432/shop", config.pg().url());
    assertEquals(32, config.pg().poolSize());
    assertFalse(config.http().metrics());
    assertTrue(config.http().busMetrics());
    assertFalse(ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", dir)).http().busMetrics(), "the event bus's metrics are off by default");
    assertTrue(config.auth().jwtSecret().startsWith("0123"));
    assertEquals("COMMERCE_HTTP_MAX_BODY_BYTES", ConfigLoader.envName("http.maxBodyBytes"));
  }

  @Test
  void trustedProxiesComeAsACommaSeparatedListOfAddressesAndRanges() {
    AppConfig none = ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", dir));
    assertTrue(none.http().trustedProxies().isEmpty(), "no proxy is trusted by default");
    assertEquals("X-Forwarded-For", none.http().clientIpHeader());
    AppConfig config = ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", dir,
      "COMMERCE_HTTP_TRUSTED_PROXIES", " 10.0.0.0/8, 192.0.2.7 ,fd00::/8,",
      "COMMERCE_HTTP_CLIENT_IP_HEADER", "forwarded"));
    var ranges = config.http().trustedProxies();
    assertEquals(3, ranges.size());
    assertTrue(ranges.get(0).contains("10.200.3.4"));
    assertFalse(ranges.get(0).contains("11.0.0.1"));
    assertTrue(ranges.get(0).contains("::ffff:10.1.1.1"), "IPv4-mapped IPv6 is the IPv4 address");
    assertTrue(ranges.get(1).contains("192.0.2.7"));
    assertFalse(ranges.get(1).contains("192.0.2.8"));
    assertTrue(ranges.get(2).contains("fd12:3456::1"));
    assertFalse(ranges.get(2).contains("fe80::1"));
    assertFalse(ranges.get(2).contains("localhost"), "names are never resolved");
    assertEquals("Forwarded", config.http().clientIpHeader());
    for (String bad : new String[] {"10.0.0.0/33", "proxy.example.com", "10.0.0.256", "::1/129"}) {
      var e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", dir, "COMMERCE_HTTP_TRUSTED_PROXIES", bad)));
      assertTrue(e.getMessage().contains("http.trustedProxies"), e.getMessage());
    }
    var header = assertThrows(ConfigException.class,
      () -> ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", dir, "COMMERCE_HTTP_CLIENT_IP_HEADER", "X-Real-IP")));
    assertTrue(header.getMessage().contains("http.clientIpHeader"), header.getMessage());
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
  void clusterMembersAreAListOfHostPortsAndEmptyMeansMulticast() {
    AppConfig defaults = ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", dir));
    assertEquals(List.of(), defaults.cluster().members());
    assertEquals(5701, defaults.cluster().port());
    AppConfig listed = ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", dir,
      "COMMERCE_CLUSTER_MEMBERS", " 10.0.0.5:5701, node-b.internal ,[fd00::7]:5702,10.0.1.1-9",
      "COMMERCE_CLUSTER_PORT", "5801", "COMMERCE_CLUSTER_NAME", "shop-prod"));
    assertEquals(List.of("10.0.0.5:5701", "node-b.internal", "[fd00::7]:5702", "10.0.1.1-9"), listed.cluster().members());
    assertEquals(5801, listed.cluster().port());
    assertEquals("shop-prod", listed.cluster().name());
    for (String bad : new String[] {"a,,b", "host:port", "host:70000", "two words"}) {
      var failure = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", dir, "COMMERCE_CLUSTER_MEMBERS", bad)), bad);
      assertTrue(failure.getMessage().contains("cluster.members"), failure.getMessage());
    }
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

  /**
   * An operator's application.json written for an older release lacks the keys added since (here
   * http.busMetrics and the whole cart section): the engine still starts, with their defaults, and
   * the operator's own values win.
   */
  @Test
  void anOperatorsOlderFileGetsTheDefaultsOfKeysAddedSince(@TempDir Path tmp) throws Exception {
    var own = new io.vertx.core.json.JsonObject(Files.readString(Path.of(dir, "application.json")));
    own.getJsonObject("http").remove("busMetrics");
    own.remove("cart");
    own.getJsonObject("http").put("port", 8181);
    Files.writeString(tmp.resolve("application.json"), own.encodePrettily());
    AppConfig config = ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", tmp.toString()));
    assertEquals(8181, config.http().port(), "the operator's value wins");
    assertFalse(config.http().busMetrics(), "a key the file lacks takes its default");
    AppConfig defaults = ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", dir));
    assertEquals(defaults.cart(), config.cart(), "a section the file lacks takes its defaults");
  }

  @Test
  void mailGoesToEmlFilesInTheDataDirectoryUntilAnSmtpUrlComesFromTheEnvironment(@TempDir Path tmp) throws Exception {
    var embedded = ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", dir, "COMMERCE_EMBEDDED_DATA_DIR", "/srv/shop-data")).mail();
    assertFalse(embedded.smtpConfigured());
    assertEquals(Path.of("/srv/shop-data", "mail").toString(), embedded.directory());
    var smtp = ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", dir, "COMMERCE_SMTP_URL", "smtps://shop:p%40ss@mail.example:465",
      "COMMERCE_MAIL_FROM", "Shop <orders@shop.example>")).mail();
    assertTrue(smtp.smtpConfigured());
    assertEquals("smtps://shop:p%40ss@mail.example:465", smtp.smtpUrl());
    assertEquals("Shop <orders@shop.example>", smtp.from());

    var scheme = assertThrows(ConfigException.class,
      () -> ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", dir, "COMMERCE_SMTP_URL", "http://mail.example")));
    assertTrue(scheme.getMessage().contains("mail.smtpUrl"), scheme.getMessage());
    var from = assertThrows(ConfigException.class,
      () -> ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", dir, "COMMERCE_MAIL_FROM", "nobody")));
    assertTrue(from.getMessage().contains("mail.from"), from.getMessage());

    Files.copy(Path.of(dir, "application.json"), tmp.resolve("application.json"));
    Files.writeString(tmp.resolve("application-leaky.json"), "{\"mail\":{\"smtpUrl\":\"smtp://u:secret@mail.example\"}}");
    var leak = assertThrows(ConfigException.class,
      () -> ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", tmp.toString(), "COMMERCE_PROFILE", "leaky")));
    assertTrue(leak.getMessage().contains("mail.smtpUrl"), leak.getMessage());
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

  @Test
  void subscriptionLimitsHaveDefaultsAndNestedEnvironmentOverrides() {
    var defaults = ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", dir)).graphql().subscriptions();
    assertEquals(AppConfig.Subscriptions.DEFAULTS, defaults);
    var tuned = ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", dir,
      "COMMERCE_GRAPHQL_SUBSCRIPTIONS_MAX_PER_CONNECTION", "5",
      "COMMERCE_GRAPHQL_SUBSCRIPTIONS_MAX_CONNECTIONS_PER_IP", "200")).graphql().subscriptions();
    assertEquals(5, tuned.maxPerConnection());
    assertEquals(200, tuned.maxConnectionsPerIp());
    var bad = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("COMMERCE_CONFIG_DIR", dir,
      "COMMERCE_GRAPHQL_SUBSCRIPTIONS_INIT_TIMEOUT_SECONDS", "0")));
    assertTrue(bad.getMessage().contains("graphql.subscriptions.initTimeoutSeconds"), bad.getMessage());
  }
}
