package io.kinetic.kernel.contract.search;

/** Autocomplete for {@code prefix} (2 to 100 characters after trimming; shorter gives no suggestions), {@code limit} 1 to 20. */
public record Suggest(String prefix, String locale, int limit) {
}
