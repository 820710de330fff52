package io.kinetic.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Parses `--key value` pairs and bare `--flag`s; unknown keys are rejected so typos fail fast. */
record Args(Map<String, String> values) {

  private static final Pattern SCHEMA = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /**
   * The arguments of a tool that reads the catalog: {@code --pg-url}, {@code --engine} and
   * {@code --out} required, {@code --schema} an SQL identifier (default {@code catalog}). A mistake is
   * printed with {@code usage} and ends the process with status 2.
   */
  static Args forCatalogTool(String[] argv, String usage, Set<String> valueKeys) {
    try {
      Args args = parse(argv, valueKeys, Set.of());
      args.require("pg-url");
      args.require("engine");
      args.require("out");
      args.schema();
      return args;
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(usage);
      System.exit(2);
      throw e;
    }
  }

  /** {@code --schema} (default {@code catalog}), checked to be an SQL identifier: it is put into queries. */
  String schema() {
    String schema = get("schema", "catalog");
    if (!SCHEMA.matcher(schema).matches()) {
      throw new IllegalArgumentException("invalid --schema");
    }
    return schema;
  }

  static Args parse(String[] argv, Set<String> valueKeys, Set<String> flagKeys) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < argv.length; i++) {
      String arg = argv[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument: " + arg);
      }
      String key = arg.substring(2);
      int eq = key.indexOf('=');
      if (eq > 0) {
        values.put(checkKey(key.substring(0, eq), valueKeys), key.substring(eq + 1));
      } else if (flagKeys.contains(key)) {
        values.put(key, "true");
      } else if (i + 1 < argv.length) {
        values.put(checkKey(key, valueKeys), argv[++i]);
      } else {
        throw new IllegalArgumentException("missing value for --" + key);
      }
    }
    return new Args(values);
  }

  private static String checkKey(String key, Set<String> valueKeys) {
    if (!valueKeys.contains(key)) {
      throw new IllegalArgumentException("unknown option --" + key);
    }
    return key;
  }

  String get(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  String require(String key) {
    String value = values.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("--" + key + " is required");
    }
    return value;
  }

  int intValue(String key, int fallback) {
    String value = values.get(key);
    return value == null ? fallback : Integer.parseInt(value);
  }

  boolean flag(String key) {
    return values.containsKey(key);
  }

  Duration duration(String key, String fallback) {
    return parseDuration(get(key, fallback));
  }

  /** Accepts `500ms`, `15s`, `2m` or a bare number of seconds. */
  static Duration parseDuration(String text) {
    String t = text.trim().toLowerCase();
    if (t.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
    }
    if (t.endsWith("s")) {
      return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
    }
    if (t.endsWith("m")) {
      return Duration.ofSeconds(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60));
    }
    return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
  }
}
