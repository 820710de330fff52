package io.kinetic.kernel.contract.search;

import java.time.Instant;

/**
 * The last (or running) rebuild on this node: products indexed so far of {@code total} (an estimate
 * until the end), when it started and finished, and its error when it failed; {@code documents}
 * is the number of searchable (published) products now.
 */
public record ReindexStatus(boolean running, long indexed, long total, Instant startedAt, Instant finishedAt,
                            String error, long documents) {
}
