package io.kinetic.kernel.contract.identity;

/** Revokes the refresh token (idempotent). Reply: {@link io.kinetic.kernel.contract.Deleted}. */
public record Logout(String refreshToken) {
}
