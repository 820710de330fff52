package io.kinetic.kernel.contract.log;

import java.time.Instant;

/**
 * One consumer of a log: its committed position, how many events and seconds it is behind the
 * head (0 when caught up; seconds counted from when the oldest event it has not applied entered
 * the log), its parked events and newest failure, whether it asked for events the log no longer
 * keeps ({@code truncated}: it must rebuild, and retention no longer waits for it), and when it
 * last read.
 */
public record ReaderStatus(String consumer, long position, long eventsBehind, double secondsBehind, int parked,
                           String lastError, boolean truncated, Instant readAt) {
}
