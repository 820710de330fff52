package io.kinetic.kernel.contract.search;

import java.util.List;
import java.util.UUID;

/** Terms that mean the same in {@code locale} (e.g. tee, t-shirt): a query with one finds the others. */
public record Synonym(UUID id, String locale, List<String> terms) {
}
