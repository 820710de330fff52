package io.kinetic.kernel.contract.log;

/**
 * Asks a context's event log for up to {@code limit} events after position {@code after}. The
 * consumer reports itself with it: {@code after} is the position it has committed, {@code parked}
 * how many events it set aside after failing on them and {@code lastError} the newest failure.
 */
public record ReadLog(String consumer, long after, int limit, int parked, String lastError) {
}
