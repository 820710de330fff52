package io.kinetic.kernel.error;

/** One invalid input field: a JSON path such as {@code variants[0].sku} and what is wrong with it. */
public record FieldError(String field, String message) {
}
