package io.kinetic.kernel.contract.search;

/** Reply: {@link ReindexStatus}. */
public record GetReindexStatus() {
}
