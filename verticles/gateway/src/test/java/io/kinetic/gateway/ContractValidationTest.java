package io.kinetic.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.transformer.FormTransformer;
import io.vertx.openapi.validation.transformer.LabelTransformer;
import io.vertx.openapi.validation.transformer.ParameterTransformer;
import io.vertx.openapi.validation.transformer.SimpleTransformer;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The shortcut for plain string parameters gives what vertx-openapi's transformers give: for every
 * value it takes, the library hands the same string back; values that decode as JSON (numbers) or
 * hold other characters are left to the library.
 */
class ContractValidationTest {

  private static final Parameter STRING_PARAMETER = (Parameter) Proxy.newProxyInstance(Parameter.class.getClassLoader(),
    new Class<?>[] {Parameter.class}, (proxy, method, args) -> switch (method.getName()) {
      case "getSchemaType" -> SchemaType.STRING;
      case "getName" -> "p";
      default -> null;
    });

  @Test
  void aPlainStringIsWhatTheLibraryWouldHaveMadeOfIt() {
    var values = List.of(UUID.randomUUID().toString(), "guest-Ab3_x-9", "abc", "ABC_def", "a-b", "_x", "-x", "x-",
      "9f1c-ab", "1a-2b", "0-0", "--", "-", "_", "e5-x", "true-x", "null-", "0x1F-a", "1E5x");
    for (ParameterTransformer transformer : List.of(new SimpleTransformer(), new FormTransformer())) {
      for (String value : values) {
        assertTrue(ContractValidation.Checked.plainString(SchemaType.STRING, transformer, value), value);
        assertEquals(value, transformer.transformPrimitive(STRING_PARAMETER, value), value);
      }
    }
  }

  @Test
  void numbersOtherCharactersAndOtherTypesAreLeftToTheLibrary() {
    var simple = new SimpleTransformer();
    for (String value : List.of("12", "-3", "0", "-0", "1e5", "-1E-5", "1.5", "a b", "\"q\"", "a,b", "", "ü", "a.b")) {
      assertFalse(ContractValidation.Checked.plainString(SchemaType.STRING, simple, value), value);
    }
    // the reason: the library makes a number of these, which a string schema then refuses
    assertEquals(-3, simple.transformPrimitive(STRING_PARAMETER, "-3"));
    assertFalse(ContractValidation.Checked.plainString(SchemaType.INTEGER, simple, "abc"));
    assertFalse(ContractValidation.Checked.plainString(SchemaType.STRING, new LabelTransformer(), "abc"));
  }
}
