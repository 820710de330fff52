package io.kinetic.gateway.identity;

import io.kinetic.kernel.contract.identity.Role;
import io.kinetic.kernel.contract.identity.StaffView;
import io.kinetic.kernel.error.Failure;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** A staff member as the admin API shows it (schema {@code Staff}): roles in lower case, sorted. */
public record StaffJson(UUID id, String email, String name, List<String> roles, boolean active, Instant createdAt) {

  public static StaffJson of(StaffView staff) {
    return new StaffJson(staff.id(), staff.email(), staff.name(), roleNames(staff.roles()), staff.active(), staff.createdAt());
  }

  public static List<String> roleNames(Collection<Role> roles) {
    return roles.stream().map(r -> r.name().toLowerCase(Locale.ROOT)).sorted().toList();
  }

  /** Roles from their lower-case names; {@code VALIDATION_FAILED} on {@code field} for an unknown one. */
  public static Set<Role> roles(Collection<String> names, String field) {
    var roles = EnumSet.noneOf(Role.class);
    for (String name : names == null ? List.<String>of() : names) {
      try {
        roles.add(Role.valueOf(String.valueOf(name).toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw Failure.invalid(field, "unknown role " + name + " (admin, catalog or fulfilment)");
      }
    }
    return roles;
  }
}
