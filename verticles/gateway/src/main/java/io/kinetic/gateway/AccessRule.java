package io.kinetic.gateway;

import io.kinetic.kernel.contract.identity.Realm;
import java.util.List;
import java.util.Set;

/**
 * Who may call an operation, with OpenAPI security semantics: a list of alternatives, any one of
 * which suffices; an alternative names a realm and the roles it needs (all of them). No
 * alternatives: public.
 */
public record AccessRule(List<Requirement> anyOf) {

  public static final AccessRule PUBLIC = new AccessRule(List.of());
  /** Any authenticated staff member, whatever the role. */
  public static final AccessRule ANY_STAFF = new AccessRule(List.of(new Requirement(Realm.STAFF, Set.of())));

  public record Requirement(Realm realm, Set<String> roles) {
    boolean allows(Principal principal) {
      return principal.realm() == realm && principal.roles().containsAll(roles);
    }
  }

  public boolean isPublic() {
    return anyOf.isEmpty();
  }

  public boolean allows(Principal principal) {
    for (Requirement requirement : anyOf) {
      if (requirement.allows(principal)) {
        return true;
      }
    }
    return false;
  }

  /** Staff with at least one of {@code roles}. */
  public static AccessRule staffWithAnyOf(String... roles) {
    return new AccessRule(java.util.Arrays.stream(roles).map(r -> new Requirement(Realm.STAFF, Set.of(r))).toList());
  }
}
