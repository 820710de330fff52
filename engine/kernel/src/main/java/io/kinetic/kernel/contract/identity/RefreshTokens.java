package io.kinetic.kernel.contract.identity;

/** Rotates a refresh token: the old one is revoked. Reply: {@link Tokens}. Fails {@code TOKEN_INVALID} (reuse revokes the whole family). */
public record RefreshTokens(String refreshToken) {
}
