package io.kinetic.kernel.contract.identity;

import java.util.Set;
import java.util.UUID;

/**
 * Replaces the roles of {@code staffId} (at least one). The member's access tokens stop working
 * (a refresh gives tokens with the new roles). Reply: {@link StaffView}. Fails {@code FORBIDDEN},
 * {@code STAFF_NOT_FOUND}, {@code VALIDATION_FAILED}, {@code LAST_ADMIN} (the last active admin
 * keeps the admin role). Audited as {@code staff.roles-changed} (nothing when the roles are the same).
 */
public record SetStaffRoles(UUID actorId, UUID staffId, Set<Role> roles) {
}
