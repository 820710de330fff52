package io.kinetic.identity;

import io.kinetic.kernel.contract.identity.CustomerView;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.contract.identity.Role;
import io.kinetic.kernel.contract.identity.StaffView;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * A customer or staff row; {@code roles} is empty for customers, which are always {@code active} at
 * {@code sessionVersion} 0. Never leaves the module (it holds the hash).
 */
record Account(UUID id, Realm realm, String email, String name, Set<Role> roles, String passwordHash, Instant createdAt,
               boolean active, int sessionVersion) {

  CustomerView customerView() {
    return new CustomerView(id, email, name, createdAt);
  }

  StaffView staffView() {
    return new StaffView(id, email, name, roles, active, createdAt);
  }

  boolean isAdmin() {
    return roles.contains(Role.ADMIN);
  }

  /** Role names as stored and as put in the {@code roles} claim: lower case, in declaration order. */
  List<String> roleNames() {
    return roles.stream().map(Account::roleName).toList();
  }

  static String roleName(Role role) {
    return role.name().toLowerCase(Locale.ROOT);
  }

  /** Parses stored role names, skipping any this version no longer knows. */
  static Set<Role> roles(String[] names) {
    var roles = EnumSet.noneOf(Role.class);
    for (String name : names == null ? new String[0] : names) {
      for (Role role : Role.values()) {
        if (roleName(role).equals(name)) {
          roles.add(role);
        }
      }
    }
    return Collections.unmodifiableSet(roles);
  }
}
