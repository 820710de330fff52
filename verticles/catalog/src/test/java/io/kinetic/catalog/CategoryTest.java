package io.kinetic.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.Deleted;
import io.kinetic.kernel.contract.catalog.Category;
import io.kinetic.kernel.contract.catalog.CategoryInput;
import io.kinetic.kernel.contract.catalog.CategoryList;
import io.kinetic.kernel.contract.catalog.CategoryView;
import io.kinetic.kernel.contract.catalog.CreateProduct;
import io.kinetic.kernel.contract.catalog.DeleteCategory;
import io.kinetic.kernel.contract.catalog.DeleteProduct;
import io.kinetic.kernel.contract.catalog.ListCategories;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.SaveCategory;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.FieldError;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CategoryTest {

  private final CatalogFixture f = CatalogFixture.get();
  private final String u = CatalogFixture.unique();

  @Test
  void createsUpdatesListsInTreeOrderAndDeletes() {
    Category root = save(null, Inputs.category("root-" + u, null, 0));
    Category second = save(null, Inputs.category("second-" + u, root.id(), 2));
    Category first = save(null, Inputs.category("first-" + u, root.id(), 1));
    Category nested = save(null, Inputs.category("nested-" + u, second.id(), 0));
    List<UUID> ids = List.of(root.id(), second.id(), first.id(), nested.id());

    CategoryList list = f.call(CatalogApi.LIST_CATEGORIES, new ListCategories("de", ids));
    assertEquals(List.of(root.id(), first.id(), second.id(), nested.id()),
      list.items().stream().map(CategoryView::id).toList(), "parents first, siblings by position");
    assertEquals("Kategorie root-" + u, list.items().get(0).name());
    CategoryList all = f.call(CatalogApi.LIST_CATEGORIES, new ListCategories("fr", null));
    CategoryView fromAll = all.items().stream().filter(c -> c.id().equals(first.id())).findFirst().orElseThrow();
    assertEquals("Category first-" + u, fromAll.name(), "unknown locale falls back to the default locale");
    assertEquals(root.id(), fromAll.parentId());

    Category renamed = save(first.id(), new CategoryInput("first-renamed-" + u, root.id(), Map.of("en", "Renamed"), 5));
    assertEquals(first.id(), renamed.id());
    CategoryList after = f.call(CatalogApi.LIST_CATEGORIES, new ListCategories("en", List.of(first.id())));
    assertEquals("Renamed", after.items().get(0).name());
    assertEquals("first-renamed-" + u, after.items().get(0).slug());

    Deleted deleted = f.call(CatalogApi.DELETE_CATEGORY, new DeleteCategory(nested.id()));
    assertEquals(nested.id().toString(), deleted.id());
    CategoryList gone = f.call(CatalogApi.LIST_CATEGORIES, new ListCategories("en", List.of(nested.id())));
    assertEquals(List.of(), gone.items());
    f.fails(ErrorCode.CATEGORY_NOT_FOUND, CatalogApi.DELETE_CATEGORY, new DeleteCategory(nested.id()));
    f.fails(ErrorCode.CATEGORY_NOT_FOUND, CatalogApi.SAVE_CATEGORY,
      new SaveCategory(UUID.randomUUID(), Inputs.category("ghost-" + u, null, 0)));
  }

  @Test
  void refusesToDeleteACategoryWithChildrenOrProducts() {
    Category parent = save(null, Inputs.category("parent-" + u, null, 0));
    Category child = save(null, Inputs.category("child-" + u, parent.id(), 0));
    f.fails(ErrorCode.CATEGORY_NOT_EMPTY, CatalogApi.DELETE_CATEGORY, new DeleteCategory(parent.id()));

    var input = Inputs.withCategories(Inputs.product("in-child-" + u, List.of(Inputs.variant("CH-" + u, 100, 1))),
      List.of(child.id()));
    Product product = f.call(CatalogApi.CREATE_PRODUCT, new CreateProduct(input));
    f.fails(ErrorCode.CATEGORY_NOT_EMPTY, CatalogApi.DELETE_CATEGORY, new DeleteCategory(child.id()));

    f.call(CatalogApi.DELETE_PRODUCT, new DeleteProduct(product.id()));
    f.call(CatalogApi.DELETE_CATEGORY, new DeleteCategory(child.id()));
    f.call(CatalogApi.DELETE_CATEGORY, new DeleteCategory(parent.id()));
  }

  @Test
  void rejectsCycles() {
    Category a = save(null, Inputs.category("cycle-a-" + u, null, 0));
    Category b = save(null, Inputs.category("cycle-b-" + u, a.id(), 0));
    Category c = save(null, Inputs.category("cycle-c-" + u, b.id(), 0));

    var self = f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.SAVE_CATEGORY,
      new SaveCategory(a.id(), Inputs.category("cycle-a-" + u, a.id(), 0)));
    assertEquals("parentId", self.errors().get(0).field());
    var deep = f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.SAVE_CATEGORY,
      new SaveCategory(a.id(), Inputs.category("cycle-a-" + u, c.id(), 0)));
    assertEquals("parentId", deep.errors().get(0).field());
    var missing = f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.SAVE_CATEGORY,
      new SaveCategory(null, Inputs.category("orphan-" + u, UUID.randomUUID(), 0)));
    assertEquals("parentId", missing.errors().get(0).field());

    Category moved = save(c.id(), Inputs.category("cycle-c-" + u, a.id(), 0));
    assertEquals(a.id(), moved.parentId(), "moving to an ancestor's level is not a cycle");
  }

  @Test
  void validatesAndKeepsSlugsUnique() {
    save(null, Inputs.category("unique-" + u, null, 0));
    f.fails(ErrorCode.SLUG_TAKEN, CatalogApi.SAVE_CATEGORY, new SaveCategory(null, Inputs.category("unique-" + u, null, 1)));
    var invalid = f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.SAVE_CATEGORY,
      new SaveCategory(null, new CategoryInput("Bad Slug", null, Map.of("en", " "), -1)));
    Set<String> fields = invalid.errors().stream().map(FieldError::field).collect(Collectors.toSet());
    assertEquals(Set.of("slug", "names.en", "position"), fields);
    var noNames = f.fails(ErrorCode.VALIDATION_FAILED, CatalogApi.SAVE_CATEGORY,
      new SaveCategory(null, new CategoryInput("no-names-" + u, null, Map.of(), 0)));
    assertTrue(noNames.errors().stream().anyMatch(e -> e.field().equals("names")));
  }

  private Category save(UUID id, CategoryInput input) {
    return f.call(CatalogApi.SAVE_CATEGORY, new SaveCategory(id, input));
  }
}
