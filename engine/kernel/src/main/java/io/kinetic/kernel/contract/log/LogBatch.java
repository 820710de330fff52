package io.kinetic.kernel.contract.log;

import java.time.Instant;
import java.util.List;

/** Events in position order, and the log's head (its newest position) when they were read. */
public record LogBatch(String source, List<LoggedEvent> events, long head, Instant headAt) {
}
