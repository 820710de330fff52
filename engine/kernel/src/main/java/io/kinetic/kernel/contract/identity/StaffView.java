package io.kinetic.kernel.contract.identity;

import java.util.Set;
import java.util.UUID;

public record StaffView(UUID id, String email, String name, Set<Role> roles) {
}
