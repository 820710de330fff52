package io.kinetic.kernel.contract.recommendations;

import java.util.List;
import java.util.UUID;

/**
 * A batch of a storefront session's behaviour events (1 to {@code recommendations.maxBatchEvents}).
 * {@code sessionId}: the storefront's random session id (8 to 64 letters, digits, {@code -} or
 * {@code _}); {@code customerId} when a customer is signed in; {@code clientIp} as the gateway saw it
 * (null for internal callers: not rate-limited). Reply {@link EventsRecorded}. Fails
 * {@code VALIDATION_FAILED} naming the first bad events (nothing of the batch is stored), and
 * {@code RATE_LIMITED} with a retry-after when the session or the address sends too many batches.
 */
public record RecordEvents(String sessionId, UUID customerId, String clientIp, List<BehaviourEvent> events) {
}
