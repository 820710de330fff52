package io.kinetic.identity;

import io.kinetic.kernel.contract.identity.CreateStaff;
import io.kinetic.kernel.contract.identity.InviteStaff;
import io.kinetic.kernel.contract.identity.ListStaff;
import io.kinetic.kernel.contract.identity.ListStaffSessions;
import io.kinetic.kernel.contract.identity.Role;
import io.kinetic.kernel.contract.identity.StaffInvited;
import io.kinetic.kernel.contract.identity.StaffList;
import io.kinetic.kernel.contract.identity.StaffSessions;
import io.kinetic.kernel.contract.identity.StaffView;
import io.kinetic.kernel.id.Ids;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Creating and listing staff. A member is created with a password: the inviter's, or one generated
 * here and handed back once (there is no e-mail delivery yet: the admin passes it on). Each
 * creation commits with its audit entry: {@code staff.created} by the system (first admin,
 * {@code create-admin}), {@code staff.invited} by an admin.
 */
final class StaffService {

  static final int MAX_LIST = 10_000;
  /** 15 random bytes: 20 URL-safe characters, about 120 bits. */
  private static final int GENERATED_PASSWORD_BYTES = 15;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final StaffRepository staff;
  private final PasswordHasher hasher;

  StaffService(StaffRepository staff, PasswordHasher hasher) {
    this.staff = staff;
    this.hasher = hasher;
  }

  /** By the system (no actor). Fails {@code VALIDATION_FAILED} (also for no roles), {@code WEAK_PASSWORD}, {@code EMAIL_TAKEN}. */
  Future<StaffView> create(CreateStaff cmd, String correlationId) {
    return validated(cmd.email(), cmd.name(), cmd.roles(), cmd.password()).compose(member ->
        hasher.hash(cmd.password()).compose(hash -> staff.change(tx ->
          AccountRepository.insertStaff(tx, Ids.newId(), member.email(), member.name(), hash, cmd.roles())
            .compose(created -> AuditLog.append(tx, AuditLog.Record.staff("staff.created", null, created, correlationId,
              Map.of("email", created.email(), "roles", created.roleNames()))).map(created)))))
      .map(Account::staffView);
  }

  /** See {@link InviteStaff}. */
  Future<StaffInvited> invite(InviteStaff cmd, String correlationId) {
    boolean generate = cmd.password() == null;
    String password = generate ? generatedPassword() : cmd.password();
    return validated(cmd.email(), cmd.name(), cmd.roles(), password).compose(member ->
        hasher.hash(password).compose(hash -> staff.asAdmin(cmd.actorId(), (tx, actor) ->
          AccountRepository.insertStaff(tx, Ids.newId(), member.email(), member.name(), hash, cmd.roles())
            .compose(created -> {
              var details = new LinkedHashMap<String, Object>();
              details.put("email", created.email());
              details.put("roles", created.roleNames());
              details.put("passwordGenerated", generate);
              return AuditLog.append(tx, AuditLog.Record.staff("staff.invited", actor, created, correlationId, details))
                .map(created);
            }))))
      .map(created -> new StaffInvited(created.staffView(), generate ? password : null));
  }

  Future<StaffList> list(ListStaff query) {
    return staff.list(query.active(), MAX_LIST).map(all -> new StaffList(all.stream().map(Account::staffView).toList()));
  }

  Future<StaffSessions> sessions(ListStaffSessions query) {
    return staff.sessions(Math.max(1, Math.min(query.limit(), MAX_LIST)));
  }

  /** A new member's normalized e-mail and name. */
  private record Member(String email, String name) {
  }

  /** A new member's normalized e-mail and name, or the failure for bad fields, no roles, or a weak password. */
  private static Future<Member> validated(String email, String name, Set<Role> roles, String password) {
    var badRoles = Credentials.checkRoles(roles);
    if (badRoles.isPresent()) {
      return Future.failedFuture(badRoles.get());
    }
    String normalizedEmail = Credentials.normalizeEmail(email);
    String normalizedName = Credentials.normalizeName(name);
    var failure = Credentials.check(normalizedEmail, password, normalizedName);
    if (failure.isPresent()) {
      return Future.failedFuture(failure.get());
    }
    return Future.succeededFuture(new Member(normalizedEmail, normalizedName));
  }

  static String generatedPassword() {
    byte[] bytes = new byte[GENERATED_PASSWORD_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
