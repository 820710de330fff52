package io.kinetic.kernel.contract.identity;

/** The one answer to a reset request: if the account exists, a link valid {@code validMinutes} is on its way. */
public record PasswordResetAccepted(long validMinutes) {
}
