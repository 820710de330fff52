package io.kinetic.kernel.contract.search;

import java.util.List;

/**
 * The counts of one facet over the results with every other chosen filter applied (disjunctive:
 * choosing a brand still shows the other brands' counts). Codes: {@code category} (tree-aware: a
 * category counts the products of its subcategories, {@code parent} gives the tree), {@code brand},
 * {@code price} (value {@code min-max} in minor units, {@code min-} for the open top range),
 * {@code availability} (value {@code in-stock}) and {@code attr.<code>} for each enum or boolean
 * attribute.
 */
public record Facet(String code, String label, List<FacetValue> values) {
}
