package io.kinetic.kernel.contract.identity;

/**
 * Reply: {@link Tokens}. Fails {@code INVALID_CREDENTIALS} (same answer for unknown e-mail and
 * wrong password) or {@code RATE_LIMITED} after too many failures for the e-mail or the client.
 */
public record Login(Realm realm, String email, String password, String clientIp) {
}
