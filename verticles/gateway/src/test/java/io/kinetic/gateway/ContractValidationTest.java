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
}
