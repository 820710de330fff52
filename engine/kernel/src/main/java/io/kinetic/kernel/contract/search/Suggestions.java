package io.kinetic.kernel.contract.search;

import java.util.List;

/** Suggestions, best first: products, then categories and brands. */
public record Suggestions(String prefix, List<Suggestion> items) {
}
