package io.kinetic.kernel.contract.identity;

/**
 * Sets a new password with the token from a reset e-mail; the token is used up, and every session
 * (refresh token) of the customer ends. Reply {@link PasswordResetDone}. Fails
 * {@code RESET_TOKEN_INVALID} (unknown, used or expired token), {@code WEAK_PASSWORD},
 * {@code VALIDATION_FAILED} (no token), {@code RATE_LIMITED} (attempts per {@code clientIp}).
 */
public record ResetPassword(String token, String password, String clientIp) {
}
