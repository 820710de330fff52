package io.kinetic.kernel.contract.identity;

/**
 * A page of the staff audit log, newest first: {@code limit} 1..100 entries older than the cursor
 * {@code after} (the {@code nextCursor} of the previous page; null for the newest). Reply:
 * {@link AuditPage}. Fails {@code VALIDATION_FAILED} for a bad limit, {@code INVALID_CURSOR}.
 */
public record ListAuditLog(int limit, String after) {
}
