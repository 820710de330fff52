package io.kinetic.kernel.contract.recommendations;

/** How many events of a batch were new ({@code accepted}) and how many had arrived before ({@code duplicates}). */
public record EventsRecorded(int accepted, int duplicates) {
}
