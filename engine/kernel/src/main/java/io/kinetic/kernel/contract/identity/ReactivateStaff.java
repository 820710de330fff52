package io.kinetic.kernel.contract.identity;

import java.util.UUID;

/**
 * Lets a deactivated member log in again (tokens from before stay invalid). Idempotent. Reply:
 * {@link StaffView}. Fails {@code FORBIDDEN}, {@code STAFF_NOT_FOUND}. Audited as {@code staff.reactivated}.
 */
public record ReactivateStaff(UUID actorId, UUID staffId) {
}
