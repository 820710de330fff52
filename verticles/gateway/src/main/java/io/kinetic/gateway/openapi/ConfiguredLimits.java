package io.kinetic.gateway.openapi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Limits of the REST contract that are the shop's configuration: a schema that says
 * {@code x-maximum: cart.maxLineQuantity} (a key of the configuration, dotted) gets its
 * {@code maximum} from that key, so that the served contract and request validation say the limit
 * this shop runs with, not the largest one any shop may configure. The fragment's own
 * {@code maximum} is the key's default: without a configuration (the API page, tests of the
 * fragments) it stays. The {@code x-maximum} itself is taken out either way (the description says
 * which key it is). Run by {@link ContractAssembly} once the fragments are merged; a key the
 * configuration does not hold as a whole number fails start-up naming it.
 */
final class ConfiguredLimits {

  static final String MAXIMUM = "x-maximum";

  private ConfiguredLimits() {
  }

  /** Sets each {@code x-maximum} schema's maximum from {@code config} (the merged configuration; null: the fragments' defaults). */
  static void apply(Object node, JsonObject config) {
    if (node instanceof JsonObject object) {
      Object key = object.remove(MAXIMUM);
      if (key != null && config != null) {
        object.put("maximum", value(config, key.toString()));
      }
      object.forEach(entry -> apply(entry.getValue(), config));
    } else if (node instanceof JsonArray array) {
      array.forEach(item -> apply(item, config));
    }
  }

  private static long value(JsonObject config, String key) {
    Object value = config;
    for (String part : key.split("\\.")) {
      value = value instanceof JsonObject object ? object.getValue(part) : null;
    }
    if (!(value instanceof Number number) || number.doubleValue() != number.longValue()) {
      throw new IllegalStateException("the contract's " + MAXIMUM + " names " + key + ", which the configuration does not hold as a whole number");
    }
    return number.longValue();
  }
}
