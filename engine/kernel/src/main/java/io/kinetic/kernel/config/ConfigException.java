package io.kinetic.kernel.config;

/** A configuration value is missing or invalid; the message names the key. Stops the start. */
public final class ConfigException extends RuntimeException {

  public ConfigException(String key, String problem) {
    super("configuration " + key + ": " + problem);
  }
}
