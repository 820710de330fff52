package io.kinetic.kernel.contract.identity;

import java.util.Set;

/**
 * Creates a staff member on behalf of the system: the first admin at start-up and the {@code
 * create-admin} command, never an HTTP caller (admins use {@link InviteStaff}). Reply: {@link StaffView}.
 * Fails {@code VALIDATION_FAILED}, {@code WEAK_PASSWORD}, {@code EMAIL_TAKEN}. Audited as {@code staff.created} without an actor.
 */
public record CreateStaff(String email, String password, String name, Set<Role> roles) {
}
