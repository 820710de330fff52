package io.kinetic.kernel.contract.log;

import java.time.Instant;
import java.util.List;

/**
 * A log's head, the oldest position still kept ({@code head + 1} when empty), the events waiting
 * to enter it, and where each consumer stands.
 */
public record LogStatus(String source, long head, Instant headAt, long oldest, long unlogged, List<ReaderStatus> readers) {
}
