package io.kinetic.kernel.contract.identity;

/**
 * Reply: {@link Tokens}. Fails {@code INVALID_CREDENTIALS} (same answer for unknown e-mail and
 * wrong password), {@code RATE_LIMITED} (with a retry-after) after too many failures for the e-mail from
 * this client, from the client for any e-mail, or for the e-mail from all clients together, or
 * {@code ACCOUNT_DISABLED} for a deactivated staff member with the right password.
 */
public record Login(Realm realm, String email, String password, String clientIp) {
}
