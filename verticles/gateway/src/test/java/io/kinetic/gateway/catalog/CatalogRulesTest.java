package io.kinetic.gateway.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.gateway.Edges;
import io.kinetic.gateway.openapi.ContractAssembly;
import io.kinetic.gateway.openapi.StringRule;
import org.junit.jupiter.api.Test;

/** The catalog edge's own small rules: the slug check of the hot by-slug read (the contract's rule) and placeholder captions. */
class CatalogRulesTest {

  @Test
  void slugsFollowTheContractPattern() {
    StringRule slugs = StringRule.of(ContractAssembly.assemble(Edges.ALL), "Slug");
    assertTrue(slugs.accepts("linen-shirt-42"));
    assertFalse(slugs.accepts("-linen"));
    assertFalse(slugs.accepts("linen--shirt"));
    assertFalse(slugs.accepts("linen-"));
    assertFalse(slugs.accepts("Linen"));
    assertFalse(slugs.accepts("a".repeat(201)));
  }

  @Test
  void placeholderCaptionsReadLikeNames() {
    assertEquals("Linen shirt 42", PlaceholderSvg.caption("linen-shirt-42-1"));
    assertEquals("Mug", PlaceholderSvg.caption("mug"));
    assertTrue(PlaceholderSvg.caption("a-" + "b".repeat(80)).length() <= 40);
  }
}
