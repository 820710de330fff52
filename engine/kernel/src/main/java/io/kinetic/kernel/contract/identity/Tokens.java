package io.kinetic.kernel.contract.identity;

/** A short-lived JWT access token and a rotating, revocable refresh token. */
public record Tokens(String accessToken, String refreshToken, String tokenType, long expiresIn) {
}
