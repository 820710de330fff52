package io.kinetic.kernel.contract.cart;

/** The answer to {@link ReleaseCartClaim}: {@code released} when the order held the claim until now. */
public record CartClaimReleased(boolean released) {
}
