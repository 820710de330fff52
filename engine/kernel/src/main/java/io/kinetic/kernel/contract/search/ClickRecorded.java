package io.kinetic.kernel.contract.search;

/** {@code recorded} is false for an unknown or expired search id (nothing happens). */
public record ClickRecorded(boolean recorded) {
}
