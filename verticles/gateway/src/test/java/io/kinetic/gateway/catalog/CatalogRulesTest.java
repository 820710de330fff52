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

  @Test
  void placeholdersDrawWhatTheProductIsNotText() {
    String shirt = PlaceholderSvg.svg("luna-steel-shirt-25-1");
    assertFalse(shirt.contains("<text"), "a silhouette, not a caption on a shape");
    assertTrue(shirt.contains("aria-label=\"Luna steel shirt 25\""), "the name is the image's label");
    assertEquals(PlaceholderSvg.shape("luna-steel-shirt-25-1"), PlaceholderSvg.shape("atlas-wool-blouse-3-2"), "tops look alike");
    assertFalse(PlaceholderSvg.shape("luna-steel-shirt-25-1").equals(PlaceholderSvg.shape("urban-ceramic-mug-7-1")));
    assertFalse(PlaceholderSvg.shape("canyon-linen-sleeping-bag-4-1").equals(PlaceholderSvg.shape("canyon-linen-tote-bag-4-1")));
  }
}
