package io.kinetic.gateway.openapi;

import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/**
 * A string schema of the contract ({@code components/schemas/<name>}: {@code pattern},
 * {@code minLength}, {@code maxLength}, {@code description}) as a plain check, for a handler that
 * skips the library's validator on a hot path or checks free-form parameters the contract cannot
 * name. The rule is read from the merged contract at start-up, so the edge and the served contract
 * cannot disagree. The pattern is searched, not matched, as JSON Schema (and the library) does:
 * write {@code ^...$} to anchor it.
 */
public record StringRule(String name, Pattern pattern, int minLength, int maxLength, String description) {

  /** The rule of schema {@code name}; fails start-up when the contract has no such string schema. */
  public static StringRule of(MergedContract contract, String name) {
    JsonObject schemas = contract.document().getJsonObject("components", new JsonObject())
      .getJsonObject("schemas", new JsonObject());
    JsonObject schema = schemas.getJsonObject(name);
    if (schema == null || !"string".equals(schema.getValue("type"))) {
      throw new IllegalStateException("the contract has no string schema " + name);
    }
    String pattern = schema.getString("pattern");
    return new StringRule(name, pattern == null ? null : Pattern.compile(pattern), schema.getInteger("minLength", 0),
      schema.getInteger("maxLength", Integer.MAX_VALUE), schema.getString("description", "a valid " + name));
  }

  public boolean accepts(String value) {
    if (value == null) {
      return false;
    }
    int length = value.codePointCount(0, value.length());
    return length >= minLength && length <= maxLength && (pattern == null || pattern.matcher(value).find());
  }

  /** What an error says about a value that is not accepted. */
  public String expectation() {
    String what = Character.toLowerCase(description.charAt(0)) + description.substring(1);
    if (what.endsWith(".")) {
      what = what.substring(0, what.length() - 1);
    }
    return "must be " + what + ", " + minLength + " to " + maxLength + " characters";
  }
}
