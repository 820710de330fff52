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

  /**
   * Roles from their names as the contract spells them (lower case, at most {@value #MAX_ROLES}, as
   * REST's schema says: GraphQL's String list is checked here by the same rules); {@code VALIDATION_FAILED}
   * naming the bad item ({@code field[i]}), which is never repeated.
   */
  public static Set<Role> roles(Collection<String> names, String field) {
    List<String> given = names == null ? List.of() : List.copyOf(names);
    if (given.size() > MAX_ROLES) {
      throw Failure.invalid(field, "must hold at most " + MAX_ROLES + " items");
    }
    List<String> known = roleNames(EnumSet.allOf(Role.class));
    var roles = EnumSet.noneOf(Role.class);
    for (int i = 0; i < given.size(); i++) {
      if (!known.contains(given.get(i))) {
        throw Failure.invalid(field + "[" + i + "]", "must be one of: " + String.join(", ", known));
      }
      roles.add(Role.valueOf(given.get(i).toUpperCase(Locale.ROOT)));
    }
    return roles;
  }

  /** The most roles a member may be given in one list (there are three). */
  static final int MAX_ROLES = 3;
}
