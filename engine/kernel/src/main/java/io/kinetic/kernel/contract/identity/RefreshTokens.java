package io.kinetic.kernel.contract.identity;

/**
 * Rotates a refresh token of {@code realm}: the old one is revoked. Reply: {@link Tokens}. Fails
 * {@code TOKEN_INVALID} when the token is unknown, expired, of the other realm (a staff session is
 * refreshed only at the admin API, a customer one only at the storefront), or reused (which revokes
 * the whole family). Presented again within {@code auth.refreshReuseGraceSeconds} of its rotation, while
 * its successor is live (two tabs, a retry), a token is no reuse: it yields another successor in its family.
 */
public record RefreshTokens(String refreshToken, Realm realm) {
}
