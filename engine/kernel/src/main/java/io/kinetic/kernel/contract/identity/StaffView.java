package io.kinetic.kernel.contract.identity;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A staff member; a deactivated one ({@code active} false) can neither log in nor use any token. */
public record StaffView(UUID id, String email, String name, Set<Role> roles, boolean active, Instant createdAt) {
}
