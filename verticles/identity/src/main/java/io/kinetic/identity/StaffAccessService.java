package io.kinetic.identity;

import io.kinetic.kernel.bus.Addresses;
import io.kinetic.kernel.contract.identity.DeactivateStaff;
import io.kinetic.kernel.contract.identity.ReactivateStaff;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.contract.identity.Role;
import io.kinetic.kernel.contract.identity.SetStaffRoles;
import io.kinetic.kernel.contract.identity.StaffAccessChanged;
import io.kinetic.kernel.contract.identity.StaffView;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.sqlclient.SqlClient;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a member may do: roles, deactivation, reactivation; admins only, each in one transaction
 * with its audit entry. A change that takes access away raises the member's session version,
 * which ends their current access tokens on every gateway: {@link StaffAccessChanged} is
 * published after the commit, and gateways also poll the versions. There is always one active
 * admin left ({@code LAST_ADMIN}), and nobody deactivates themselves ({@code SELF_DEACTIVATION}).
 */
final class StaffAccessService {

  /** The outcome of a change: the member after it, and whether their access tokens were ended. */
  private record Change(Account member, boolean accessEnded) {
  }

  private final StaffRepository staff;
  private final TokenRepository tokens;
  private final EventBus bus;

  StaffAccessService(StaffRepository staff, TokenRepository tokens, EventBus bus) {
    this.staff = staff;
    this.tokens = tokens;
    this.bus = bus;
  }

  Future<StaffView> setRoles(SetStaffRoles cmd, String correlationId) {
    var badRoles = Credentials.checkRoles(cmd.roles());
    if (badRoles.isPresent()) {
      return Future.failedFuture(badRoles.get());
    }
    Set<Role> roles = EnumSet.copyOf(cmd.roles());
    return published(staff.asAdmin(cmd.actorId(), (tx, actor) -> target(tx, cmd.staffId()).compose(target -> {
      if (target.roles().equals(roles)) {
        return Future.succeededFuture(new Change(target, false));
      }
      Future<Void> allowed = target.active() && target.isAdmin() && !roles.contains(Role.ADMIN)
        ? notTheLastAdmin(tx, "the last active admin keeps the admin role") : Future.succeededFuture();
      return allowed.compose(v -> staff.setRoles(tx, target.id(), roles)).compose(changed ->
        AuditLog.append(tx, AuditLog.Record.staff("staff.roles-changed", actor, changed, correlationId,
          Map.of("from", target.roleNames(), "to", changed.roleNames()))).map(new Change(changed, true)));
    })));
  }

  Future<StaffView> deactivate(DeactivateStaff cmd, String correlationId) {
    if (cmd.staffId() != null && cmd.staffId().equals(cmd.actorId())) {
      return Future.failedFuture(ErrorCode.SELF_DEACTIVATION.failure("an admin cannot deactivate themselves"));
    }
    return published(staff.asAdmin(cmd.actorId(), (tx, actor) -> target(tx, cmd.staffId()).compose(target -> {
      if (!target.active()) {
        return Future.succeededFuture(new Change(target, false));
      }
      Future<Void> allowed = target.isAdmin()
        ? notTheLastAdmin(tx, "the last active admin cannot be deactivated") : Future.succeededFuture();
      return allowed.compose(v -> staff.setActive(tx, target.id(), false, true))
        .compose(changed -> tokens.revokeSubject(tx, changed.id(), Realm.STAFF).map(changed))
        .compose(changed -> AuditLog.append(tx, AuditLog.Record.staff("staff.deactivated", actor, changed, correlationId,
          Map.of())).map(new Change(changed, true)));
    })));
  }

  Future<StaffView> reactivate(ReactivateStaff cmd, String correlationId) {
    return published(staff.asAdmin(cmd.actorId(), (tx, actor) -> target(tx, cmd.staffId()).compose(target -> {
      if (target.active()) {
        return Future.succeededFuture(new Change(target, false));
      }
      return staff.setActive(tx, target.id(), true, false).compose(changed ->
        AuditLog.append(tx, AuditLog.Record.staff("staff.reactivated", actor, changed, correlationId, Map.of()))
          .map(new Change(changed, false)));
    })));
  }

  private Future<Account> target(SqlClient tx, UUID id) {
    return id == null ? Future.failedFuture(Failure.invalid("staffId", "must not be null")) : staff.target(tx, id);
  }

  private Future<Void> notTheLastAdmin(SqlClient tx, String detail) {
    return staff.activeAdmins(tx).compose(admins -> admins > 1 ? Future.succeededFuture()
      : Future.failedFuture(ErrorCode.LAST_ADMIN.failure(detail)));
  }

  /** After the commit: tells every gateway when the member's access tokens ended. */
  private Future<StaffView> published(Future<Change> committed) {
    return committed.map(change -> {
      if (change.accessEnded()) {
        Account member = change.member();
        bus.publish(Addresses.Identity.STAFF_ACCESS_CHANGED, new StaffAccessChanged(member.id(), member.sessionVersion()));
      }
      return change.member().staffView();
    });
  }
}
