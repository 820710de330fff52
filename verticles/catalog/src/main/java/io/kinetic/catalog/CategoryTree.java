package io.kinetic.catalog;

import io.kinetic.kernel.contract.catalog.Category;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An immutable snapshot of the category tree, kept in memory: listing categories and expanding a
 * category filter to its subcategories never touch the database.
 */
final class CategoryTree {

  static final CategoryTree EMPTY = new CategoryTree(List.of());
  private static final Comparator<Category> SIBLINGS =
    Comparator.comparingInt(Category::position).thenComparing(Category::slug);

  private final Map<UUID, Category> byId = new HashMap<>();
  private final Map<UUID, List<Category>> children = new HashMap<>();
  private final List<Category> ordered;

  CategoryTree(Collection<Category> categories) {
    for (Category c : categories) {
      byId.put(c.id(), c);
      children.computeIfAbsent(c.parentId(), k -> new ArrayList<>()).add(c);
    }
    children.values().forEach(list -> list.sort(SIBLINGS));
    var out = new ArrayList<Category>(categories.size());
    collect(null, out);
    this.ordered = List.copyOf(out);
  }

  /** Parents before children, siblings by position then slug. */
  List<Category> ordered() {
    return ordered;
  }

  /** Whether {@code other} has the same categories with the same parents, slugs, names and positions. */
  boolean sameAs(CategoryTree other) {
    return ordered.equals(other.ordered);
  }

  Category get(UUID id) {
    return byId.get(id);
  }

  /**
   * The category and all its descendants. An id this snapshot does not know (created a moment ago
   * on another node) stands for itself, so its directly assigned products still match.
   */
  List<UUID> selfAndDescendants(UUID id) {
    var out = new ArrayList<UUID>();
    out.add(id);
    for (int i = 0; i < out.size(); i++) {
      for (Category child : children.getOrDefault(out.get(i), List.of())) {
        out.add(child.id());
      }
    }
    return out;
  }

  private void collect(UUID parent, List<Category> out) {
    for (Category c : children.getOrDefault(parent, List.of())) {
      out.add(c);
      collect(c.id(), out);
    }
  }
}
