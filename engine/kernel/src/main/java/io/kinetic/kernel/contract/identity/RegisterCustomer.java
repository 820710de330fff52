package io.kinetic.kernel.contract.identity;

/** Reply: {@link CustomerView}. Fails {@code VALIDATION_FAILED}, {@code WEAK_PASSWORD}, {@code EMAIL_TAKEN}. */
public record RegisterCustomer(String email, String password, String name) {
}
