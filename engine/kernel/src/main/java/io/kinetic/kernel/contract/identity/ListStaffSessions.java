package io.kinetic.kernel.contract.identity;

/**
 * The session version of every staff member whose access tokens were ever revoked (version above
 * 0), at most {@code limit}: what a gateway checks the {@code sv} claim of staff tokens against.
 * Reply: {@link StaffSessions}.
 */
public record ListStaffSessions(int limit) {
}
