package io.kinetic.kernel.contract.search;

import java.util.List;
import java.util.UUID;

/**
 * Creates a synonym set ({@code id} null) or replaces one: 2 to 10 terms of 1 to 50 characters,
 * in a supported locale. Fails {@code VALIDATION_FAILED}, {@code NOT_FOUND}.
 */
public record SaveSynonym(UUID id, String locale, List<String> terms) {
}
