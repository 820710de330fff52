package io.kinetic.kernel.contract.identity;

/**
 * A customer (or anyone) asks for a password-reset e-mail to {@code email}, to be written in
 * {@code locale}. Reply {@link PasswordResetAccepted}, the same whether or not an account has that
 * e-mail. Fails {@code VALIDATION_FAILED} for a malformed e-mail and {@code RATE_LIMITED} (per
 * e-mail and per {@code clientIp}, whether or not the account exists).
 */
public record RequestPasswordReset(String email, String locale, String clientIp) {
}
