package io.kinetic.kernel.contract.identity;

import java.util.UUID;

/**
 * Deactivates {@code staffId}: no more logins, every refresh token revoked, and access tokens
 * refused by every gateway within {@code auth.staffRevocationPollMillis} (at once where the
 * {@link StaffAccessChanged} event arrives). Idempotent. Reply: {@link StaffView}. Fails {@code
 * FORBIDDEN}, {@code STAFF_NOT_FOUND}, {@code SELF_DEACTIVATION}, {@code LAST_ADMIN}. Audited as
 * {@code staff.deactivated}.
 */
public record DeactivateStaff(UUID actorId, UUID staffId) {
}
