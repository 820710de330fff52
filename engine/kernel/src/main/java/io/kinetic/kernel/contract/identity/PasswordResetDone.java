package io.kinetic.kernel.contract.identity;

/** The password was changed; {@code email}: the account's, to sign in with. */
public record PasswordResetDone(String email) {
}
