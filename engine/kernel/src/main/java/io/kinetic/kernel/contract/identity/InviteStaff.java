package io.kinetic.kernel.contract.identity;

import java.util.Set;
import java.util.UUID;

/**
 * Creates a staff member on behalf of {@code actorId} (an active admin). {@code password} null: a
 * random one is generated and returned once in {@link StaffInvited#generatedPassword()}; it is
 * stored only hashed, so it cannot be shown again. Reply: {@link StaffInvited}. Fails {@code
 * FORBIDDEN} (actor not an active admin), {@code VALIDATION_FAILED}, {@code WEAK_PASSWORD},
 * {@code EMAIL_TAKEN}. Audited as {@code staff.invited}.
 */
public record InviteStaff(UUID actorId, String email, String name, Set<Role> roles, String password) {
}
