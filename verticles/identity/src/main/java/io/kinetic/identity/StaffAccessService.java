package io.kinetic.identity;

import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.identity.DeactivateStaff;
import io.kinetic.kernel.contract.identity.ReactivateStaff;
import io.kinetic.kernel.contract.identity.Realm;
import io.kinetic.kernel.contract.identity.Role;
import io.kinetic.kernel.contract.identity.SetStaffRoles;
import io.kinetic.kernel.contract.identity.StaffAccessChanged;
import io.kinetic.kernel.contract.identity.StaffView;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.id.Ids;
import io.kinetic.kernel.outbox.Outbox;
import io.kinetic.kernel.outbox.OutboxRelay;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a member may do: roles, deactivation, reactivation; admins only, each in one transaction
 * with its audit entry. A change that takes access away raises the member's session version,
 * which ends their current access tokens on every gateway: {@link StaffAccessChanged} enters
 * identity's event log with the change (published on the bus right after the commit), and
 * gateways also poll the versions. There is always one active
 * admin left ({@code LAST_ADMIN}), and nobody deactivates themselves ({@code SELF_DEACTIVATION}).
 */
final class StaffAccessService {

  /** The outcome of a change: the member after it, and whether their access tokens were ended. */
  private record Change(Account member, boolean accessEnded) {
  }

  private final StaffRepository staff;
  private final TokenRepository tokens;
  private final Vertx vertx;

  StaffAccessService(StaffRepository staff, TokenRepository tokens, Vertx vertx) {
    this.staff = staff;
    this.tokens = tokens;
    this.vertx = vertx;
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
          Map.of("from", target.roleNames(), "to", changed.roleNames())))
          .compose(v -> accessEnded(tx, changed, actor, correlationId)));
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
          Map.of())).compose(v -> accessEnded(tx, changed, actor, correlationId)));
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

  /** In the change's transaction: the event that ends the member's access tokens on every gateway. */
  private static Future<Change> accessEnded(SqlClient tx, Account member, Account actor, String correlationId) {
    var event = new StaffAccessChanged(Ids.newId(), Instant.now(), member.id(), member.sessionVersion());
    return Outbox.append(tx, event, new Caller(correlationId, "staff:" + actor.id())).map(new Change(member, true));
  }

  /** After the commit: the event goes out at once (the relay also finds it within its poll). */
  private Future<StaffView> published(Future<Change> committed) {
    return committed.map(change -> {
      if (change.accessEnded()) {
        OutboxRelay.poke(vertx, IdentityModule.SCHEMA);
      }
      return change.member().staffView();
    });
  }
}
