package io.kinetic.kernel.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Typed, validated reads of one section of the merged configuration; failures name the full key. */
final class ConfigReader {

  private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+)(?::(\\d{1,5}))?");

  private final JsonObject json;
  private final String prefix;

  ConfigReader(JsonObject root, String section) {
    this(root, section, section);
  }

  private ConfigReader(JsonObject root, String section, String qualified) {
    Object value = root.getValue(section);
    if (!(value instanceof JsonObject object)) {
      throw new ConfigException(qualified, "section is missing");
    }
    this.json = object;
    this.prefix = qualified + ".";
  }

  /** The nested section {@code key} of this one, e.g. {@code graphql.subscriptions}. */
  ConfigReader section(String key) {
    return new ConfigReader(json, key, prefix + key);
  }

  String string(String key) {
    Object v = json.getValue(key);
    if (v == null) {
      throw new ConfigException(prefix + key, "is missing");
    }
    return v.toString();
  }

  boolean bool(String key) {
    Object v = json.getValue(key);
    if (v instanceof Boolean b) {
      return b;
    }
    throw new ConfigException(prefix + key, "must be true or false, got " + v);
  }

  long number(String key, long min, long max) {
    Object v = json.getValue(key);
    if (!(v instanceof Number n) || n.doubleValue() != n.longValue()) {
      throw new ConfigException(prefix + key, "must be a whole number, got " + v);
    }
    long l = n.longValue();
    if (l < min || l > max) {
      throw new ConfigException(prefix + key, "must be between " + min + " and " + max + ", got " + l);
    }
    return l;
  }

  int integer(String key, int min, int max) {
    return (int) number(key, min, max);
  }

  /**
   * A comma-separated list of {@code host[:port]} (host: a name, an IPv4 address or range such as
   * {@code 10.0.0.1-9}, or a bracketed IPv6 address); empty means none.
   */
  List<String> hostPorts(String key) {
    String v = string(key).trim();
    if (v.isEmpty()) {
      return List.of();
    }
    var out = new ArrayList<String>();
    for (String part : v.split(",")) {
      String entry = part.trim();
      var m = HOST_PORT.matcher(entry);
      if (!m.matches() || (m.group(2) != null && Integer.parseInt(m.group(2)) > 65535)) {
        throw new ConfigException(prefix + key, "must be a comma-separated list of host[:port], got '" + entry + "' in " + v);
      }
      out.add(entry);
    }
    return List.copyOf(out);
  }

  /**
   * A list of strings: a JSON array in a file, or one comma-separated string (what an environment
   * variable gives); blank entries are dropped.
   */
  List<String> list(String key) {
    Object v = json.getValue(key);
    var out = new ArrayList<String>();
    if (v instanceof JsonArray array) {
      for (Object item : array) {
        if (!(item instanceof String s)) {
          throw new ConfigException(prefix + key, "must be a list of strings, got " + item);
        }
        out.add(s);
      }
    } else if (v instanceof String s) {
      out.addAll(List.of(s.split(",")));
    } else {
      throw new ConfigException(prefix + key, "must be a list of strings or a comma-separated string, got " + v);
    }
    return out.stream().map(String::strip).filter(e -> !e.isEmpty()).toList();
  }

  /** One of {@code allowed}, compared ignoring case, returned as spelled in {@code allowed}. */
  String oneOf(String key, String... allowed) {
    String v = string(key).strip();
    for (String a : allowed) {
      if (a.equalsIgnoreCase(v)) {
        return a;
      }
    }
    throw new ConfigException(prefix + key, "must be one of " + String.join(", ", allowed) + ", got " + v);
  }

  String qualified(String key) {
    return prefix + key;
  }

  /** An optional URL with one of the given schemes; empty means "not configured". */
  String url(String key, String... schemes) {
    String v = string(key).trim();
    if (v.isEmpty()) {
      return "";
    }
    for (String scheme : schemes) {
      if (v.startsWith(scheme + "://")) {
        return v;
      }
    }
    throw new ConfigException(prefix + key, "must start with " + String.join(":// or ", schemes) + "://, got " + v);
  }
}
