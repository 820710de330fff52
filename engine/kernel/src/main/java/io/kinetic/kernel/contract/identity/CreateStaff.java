package io.kinetic.kernel.contract.identity;

import java.util.Set;

/** Creates a staff member (admin only, or the bootstrap from the environment). Reply: {@link StaffView}. Fails {@code EMAIL_TAKEN}. */
public record CreateStaff(String email, String password, String name, Set<Role> roles) {
}
