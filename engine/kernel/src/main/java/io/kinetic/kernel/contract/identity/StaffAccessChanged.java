package io.kinetic.kernel.contract.identity;

import java.util.UUID;

/**
 * Published on {@code identity.events.staff-access-changed} after a change that revokes a staff
 * member's access tokens (roles changed, deactivated) has committed: tokens of {@code staffId}
 * with an {@code sv} claim below {@code sessionVersion} are refused from now on. A wake-up only: a
 * gateway that misses it learns the same from {@link ListStaffSessions} within its poll interval.
 */
public record StaffAccessChanged(UUID staffId, int sessionVersion) {
}
