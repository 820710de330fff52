package io.kinetic.gateway;

import io.kinetic.kernel.contract.identity.Realm;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * The verified subject of a bearer access token: its id ({@code sub}), realm and staff roles
 * (lower case, as in the {@code roles} claim).
 */
public record Principal(UUID id, Realm realm, Set<String> roles) {

  /** How the principal is named on the bus and in the event log: {@code staff:<id>} or {@code customer:<id>}. */
  public String actor() {
    return realm.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
  }

  /** True when the principal has at least one of {@code wanted}; an empty {@code wanted} asks for no role. */
  public boolean hasAnyRole(Collection<String> wanted) {
    if (wanted.isEmpty()) {
      return true;
    }
    for (String role : wanted) {
      if (roles.contains(role)) {
        return true;
      }
    }
    return false;
  }
}
