package io.kinetic.kernel.contract.search;

/** The synonym sets of {@code locale}, or of every locale when null. Reply: {@link SynonymList}. */
public record ListSynonyms(String locale) {
}
