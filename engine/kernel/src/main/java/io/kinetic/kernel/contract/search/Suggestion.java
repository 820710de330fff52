package io.kinetic.kernel.contract.search;

/**
 * One suggestion: {@code kind} is {@code product} (open it by {@code slug}), {@code category}
 * (filter by {@code value}, its id) or {@code brand} (filter by {@code value}).
 */
public record Suggestion(String kind, String text, String slug, String value) {
}
