package io.kinetic.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.validation.transformer.FormTransformer;
import io.vertx.openapi.validation.transformer.LabelTransformer;
import io.vertx.openapi.validation.transformer.MatrixTransformer;
import io.vertx.openapi.validation.transformer.SimpleTransformer;
import org.junit.jupiter.api.Test;

/**
 * Which parameter values are taken as sent: every string of simple or form style (headers, path
 * and query parameters), never decoded as JSON; other types and styles are left to vertx-openapi's
 * transformers. (What that means at the HTTP level: {@link QueryParametersTest}.)
 */
class ContractValidationTest {

  @Test
  void aStringOfSimpleOrFormStyleIsTakenAsSent() {
    assertTrue(ContractValidation.Checked.literal(SchemaType.STRING, new SimpleTransformer()));
    assertTrue(ContractValidation.Checked.literal(SchemaType.STRING, new FormTransformer()));
  }

  @Test
  void otherTypesAndStylesAreLeftToTheLibrary() {
    for (SchemaType type : new SchemaType[] {SchemaType.INTEGER, SchemaType.NUMBER, SchemaType.BOOLEAN, SchemaType.ARRAY,
      SchemaType.OBJECT}) {
      assertFalse(ContractValidation.Checked.literal(type, new FormTransformer()), type.name());
    }
    assertFalse(ContractValidation.Checked.literal(SchemaType.STRING, new LabelTransformer()));
    assertFalse(ContractValidation.Checked.literal(SchemaType.STRING, new MatrixTransformer()));
  }

  /** Each pattern of the contract is said in words ({@link SchemaWording}), not as a regular expression. */
  @Test
  void everyPatternOfTheContractHasItsWords() throws Exception {
    var unknown = new java.util.ArrayList<String>();
    var pattern = java.util.regex.Pattern.compile("pattern: \"((?:[^\"\\\\]|\\\\.)*)\"");
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/openapi"))) {
      for (var file : files.toList()) {
        var m = pattern.matcher(java.nio.file.Files.readString(file));
        while (m.find()) {
          String regex = m.group(1).replace("\\\\", "\\");
          if (!SchemaWording.knows(regex)) {
            unknown.add(file.getFileName() + ": " + regex);
          }
        }
      }
    }
    org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), unknown);
  }
}
