package io.kinetic.kernel.contract.log;

/** Asks a context's event log for its head and the lag of every consumer that reads it. */
public record GetLogStatus(String source) {
}
