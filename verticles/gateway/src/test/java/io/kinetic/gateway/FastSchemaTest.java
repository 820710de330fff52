package io.kinetic.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The quick check never says yes where the full validator says no, and says yes to plain valid values. */
class FastSchemaTest {

  private static final JsonObject CART_LINE = new JsonObject("""
    {"type":"object","additionalProperties":false,"required":["variantId","quantity"],
     "properties":{"quantity":{"type":"integer","minimum":1,"maximum":10000},
                   "variantId":{"type":"string","format":"uuid"}}}""");
  private static final JsonObject TEXT = new JsonObject("""
    {"type":["string","null"],"minLength":2,"maxLength":5,"pattern":"^[a-zß]+$","description":"d"}""");
  private static final JsonObject NESTED = new JsonObject("""
    {"type":"object","properties":{"tags":{"type":"array","items":{"type":"string","enum":["a","b"]},"maxItems":2},
      "price":{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":10}},
     "additionalProperties":{"type":"boolean"},"minProperties":1}""");

  @Test
  void neverYesWhereTheValidatorSaysNo() {
    check(CART_LINE, true,
      new JsonObject().put("variantId", "01a22e96-2374-7ac7-9fbc-3165e929012d").put("quantity", 1),
      new JsonObject().put("variantId", "01A22E96-2374-7AC7-9FBC-3165E929012D").put("quantity", 10000));
    check(CART_LINE, false,
      new JsonObject().put("variantId", "01a22e96-2374-7ac7-9fbc-3165e929012d"),
      new JsonObject().put("variantId", "01a22e96-2374-7ac7-9fbc-3165e929012d").put("quantity", 0),
      new JsonObject().put("variantId", "01a22e96-2374-7ac7-9fbc-3165e929012d").put("quantity", 10001),
      new JsonObject().put("variantId", "01a22e96-2374-7ac7-9fbc-3165e929012d").put("quantity", 1.5),
      new JsonObject().put("variantId", "01a22e96-2374-7ac7-9fbc-3165e929012d").put("quantity", 2.0),
      new JsonObject().put("variantId", "01a22e96-2374-7ac7-9fbc-3165e929012d").put("quantity", "1"),
      new JsonObject().put("variantId", "01a22e96-2374-7ac7-9fbc-3165e929012d").put("quantity", null),
      new JsonObject().put("variantId", "not-a-uuid").put("quantity", 1),
      new JsonObject().put("variantId", "01a22e96-2374-7ac7-9fbc-3165e929012dx").put("quantity", 1),
      new JsonObject().put("variantId", "01a22e96-2374-7ac7-9fbc-3165e929012d").put("quantity", 1).put("more", 1),
      new JsonObject().put("variantId", "01a22e96-2374-7ac7-9fbc-3165e929012d").put("quantity", new BigInteger("99999999999999999999")),
      new JsonArray(), "text", null, 7);
    check(TEXT, true, "ab", "straß", null);
    check(TEXT, false, "a", "abcdef", "AB", "a b", "ab\n", 12, true, new JsonObject());
    check(NESTED, true,
      new JsonObject().put("tags", new JsonArray().add("a").add("b")),
      new JsonObject().put("price", 9.99).put("flag", true),
      new JsonObject().put("price", 1));
    check(NESTED, false,
      new JsonObject(),
      new JsonObject().put("tags", new JsonArray().add("a").add("b").add("a")),
      new JsonObject().put("tags", new JsonArray().add("c")),
      new JsonObject().put("tags", new JsonArray().add(1)),
      new JsonObject().put("price", 0),
      new JsonObject().put("price", 10),
      new JsonObject().put("price", -1e-9),
      new JsonObject().put("flag", "yes"),
      new JsonObject().put("tags", "a"));
  }

  @Test
  void schemasWithKeywordsItDoesNotKnowAreLeftToTheValidator() {
    assertNull(FastSchema.compile(new JsonObject().put("type", "string").put("format", "date-time")));
    assertNull(FastSchema.compile(new JsonObject().put("oneOf", new JsonArray())));
    assertNull(FastSchema.compile(new JsonObject().put("type", "object")
      .put("properties", new JsonObject().put("a", new JsonObject().put("const", 1)))));
    assertNull(FastSchema.compile(new JsonObject().put("enum", new JsonArray().add(1).add(2))));
    assertNotNull(FastSchema.compile(CART_LINE));
  }

  /** {@code valid}: each value is valid, and the quick check must say so; else the quick check must not accept it. */
  private static void check(JsonObject schema, boolean valid, Object... values) {
    FastSchema quick = FastSchema.compile(schema);
    assertNotNull(quick, schema.encode());
    Validator full = SchemaRepository.create(new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("app:///")
      .setOutputFormat(OutputFormat.Basic)).validator(JsonSchema.of(schema));
    List<Object> all = values == null ? Arrays.asList((Object) null) : new ArrayList<>(Arrays.asList(values));
    for (Object value : all) {
      boolean fullSays = Boolean.TRUE.equals(full.validate(value).getValid());
      if (quick.accepts(value)) {
        assertTrue(fullSays, "the quick check accepted what the validator refuses: " + value + " against " + schema.encode());
      }
      if (valid) {
        assertTrue(fullSays, "test data: " + value + " should be valid against " + schema.encode());
        assertTrue(quick.accepts(value), "the quick check should accept " + value + " against " + schema.encode());
      } else {
        assertFalse(quick.accepts(value), value + " against " + schema.encode());
      }
    }
  }
}
