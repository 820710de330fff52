package io.kinetic.kernel.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads the configuration in this order, later wins: the defaults ({@code application.json}
 * inside the jar), the operator's {@code application.json} (from {@code COMMERCE_CONFIG_DIR}, else
 * {@code ./config}) merged over them key by key, so a file written for an older release, which lacks
 * the keys added since, still starts with their defaults; then
 * {@code application-<profile>.json} when {@code COMMERCE_PROFILE} is set, then one environment
 * variable per key: {@code pg.poolSize} is {@code COMMERCE_PG_POOL_SIZE}. Only keys present in
 * the defaults can be overridden, with the defaults' type. Secrets exist only in the environment.
 */
public final class ConfigLoader {

  public static final String PREFIX = "COMMERCE_";
  private static final List<String> SECRETS = List.of("auth.jwtSecret", "http.metricsToken", "stripe.secretKey", "stripe.webhookSecret",
    "mail.smtpUrl");

  private ConfigLoader() {
  }

  public static AppConfig load(Map<String, String> env) {
    return AppConfig.from(loadJson(env));
  }

  public static JsonObject loadJson(Map<String, String> env) {
    Path dir = Path.of(env.getOrDefault(PREFIX + "CONFIG_DIR", "config"));
    JsonObject json = defaultsWith(dir.resolve("application.json"), "config/application.json");
    String profile = env.getOrDefault(PREFIX + "PROFILE", "").trim();
    if (!profile.isEmpty()) {
      JsonObject overlay = read(dir.resolve("application-" + profile + ".json"), "config/application-" + profile + ".json");
      json = json.mergeIn(overlay, true);
      json.put("profile", profile);
    }
    for (String secret : SECRETS) {
      if (lookup(json, secret) != null) {
        throw new ConfigException(secret, "is a secret: set it in the environment, not in a file");
      }
    }
    json.getJsonObject("auth").put("jwtSecret", env.getOrDefault(PREFIX + "JWT_SECRET", ""));
    json.getJsonObject("http").put("metricsToken", env.getOrDefault(PREFIX + "HTTP_METRICS_TOKEN", "").trim());
    JsonObject stripe = json.getJsonObject("stripe", new JsonObject());
    json.put("stripe", stripe);
    stripe.put("secretKey", env.getOrDefault(PREFIX + "STRIPE_SECRET_KEY", "").trim());
    stripe.put("webhookSecret", env.getOrDefault(PREFIX + "STRIPE_WEBHOOK_SECRET", "").trim());
    json.getJsonObject("mail").put("smtpUrl", env.getOrDefault(PREFIX + "SMTP_URL", "").trim());
    applyEnvironment(json, "", env);
    return json;
  }

  /** The environment variable that overrides a dotted key, e.g. {@code http.maxBodyBytes} → {@code COMMERCE_HTTP_MAX_BODY_BYTES}. */
  public static String envName(String dottedKey) {
    var out = new StringBuilder(PREFIX);
    for (char c : dottedKey.toCharArray()) {
      if (c == '.') {
        out.append('_');
      } else if (Character.isUpperCase(c)) {
        out.append('_').append(c);
      } else {
        out.append(Character.toUpperCase(c));
      }
    }
    return out.toString();
  }

  private static void applyEnvironment(JsonObject json, String path, Map<String, String> env) {
    for (String key : new ArrayList<>(json.fieldNames())) {
      String dotted = path.isEmpty() ? key : path + "." + key;
      Object current = json.getValue(key);
      if (current instanceof JsonObject nested) {
        applyEnvironment(nested, dotted, env);
        continue;
      }
      String value = env.get(envName(dotted));
      if (value != null) {
        json.put(key, coerce(dotted, current, value.trim()));
      }
    }
  }

  private static Object coerce(String key, Object current, String value) {
    try {
      if (current instanceof Boolean) {
        if (!value.equals("true") && !value.equals("false")) {
          throw new ConfigException(key, "must be true or false, got " + value + " (from " + envName(key) + ")");
        }
        return Boolean.parseBoolean(value);
      }
      if (current instanceof Integer || current instanceof Long) {
        return Long.parseLong(value);
      }
      if (current instanceof Number) {
        return Double.parseDouble(value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "must be a number, got " + value + " (from " + envName(key) + ")");
    }
  }

  private static Object lookup(JsonObject json, String dotted) {
    Object value = json;
    for (String part : dotted.split("\\.")) {
      if (!(value instanceof JsonObject o)) {
        return null;
      }
      value = o.getValue(part);
    }
    return value;
  }

  /** The jar's copy of {@code classpathName} with {@code file} merged over it (either alone when the other is missing). */
  private static JsonObject defaultsWith(Path file, String classpathName) {
    JsonObject defaults = resource(file, classpathName);
    if (!Files.exists(file)) {
      if (defaults == null) {
        throw new ConfigException(file.toString(), "file not found");
      }
      return defaults;
    }
    JsonObject own = read(file, classpathName);
    return defaults == null ? own : defaults.mergeIn(own, true);
  }

  private static JsonObject resource(Path file, String classpathName) {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(classpathName)) {
      return in == null ? null : new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException | DecodeException e) {
      throw new ConfigException("classpath:" + classpathName, "cannot be read: " + e.getMessage());
    }
  }

  private static JsonObject read(Path file, String classpathName) {
    try {
      if (Files.exists(file)) {
        return new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
      }
      try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(classpathName)) {
        if (in == null) {
          throw new ConfigException(file.toString(), "file not found");
        }
        return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException | DecodeException e) {
      throw new ConfigException(file.toString(), "cannot be read: " + e.getMessage());
    }
  }
}
