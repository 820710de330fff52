package io.kinetic.gateway.identity;

import io.kinetic.gateway.Bodies;
import io.kinetic.gateway.Replies;
import io.kinetic.gateway.Requests;
import io.kinetic.gateway.edge.RestOperations;
import io.kinetic.kernel.bus.Endpoint;
import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.contract.identity.DeactivateStaff;
import io.kinetic.kernel.contract.identity.GetStaff;
import io.kinetic.kernel.contract.identity.InviteStaff;
import io.kinetic.kernel.contract.identity.ListAuditLog;
import io.kinetic.kernel.contract.identity.ListStaff;
import io.kinetic.kernel.contract.identity.ReactivateStaff;
import io.kinetic.kernel.contract.identity.SetStaffRoles;
import io.kinetic.kernel.contract.identity.StaffView;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Staff management and the audit log at {@code /api/v1/admin/staff} and {@code /api/v1/admin/audit-log}
 * (role admin, see openapi/identity.yaml). The acting admin is the token's subject, never the body.
 */
final class StaffRoutes {

  static final int DEFAULT_AUDIT_PAGE = 50;

  /** {@code POST /admin/staff}: no password means "generate one". */
  record Invitation(String email, String name, List<String> roles, String password) {
  }

  record RolesBody(List<String> roles) {
  }

  /** The reply to an invitation: {@code generatedPassword} is shown this once, or null. */
  record InvitationJson(StaffJson staff, String generatedPassword) {
  }

  record StaffListJson(List<StaffJson> items) {
  }

  private final BusClient bus;

  StaffRoutes(BusClient bus) {
    this.bus = bus;
  }

  void bind(RestOperations operations) {
    operations.bind("adminListStaff", this::list);
    operations.bind("adminInviteStaff", this::invite);
    operations.bind("adminGetStaff", rc -> staff(rc, IdentityApi.GET_STAFF, new GetStaff(id(rc))));
    operations.bind("adminSetStaffRoles", rc -> staff(rc, IdentityApi.SET_STAFF_ROLES,
      new SetStaffRoles(actor(rc), id(rc), StaffJson.roles(Bodies.read(rc, RolesBody.class).roles(), "roles"))));
    operations.bind("adminDeactivateStaff", rc ->
      staff(rc, IdentityApi.DEACTIVATE_STAFF, new DeactivateStaff(actor(rc), id(rc))));
    operations.bind("adminReactivateStaff", rc ->
      staff(rc, IdentityApi.REACTIVATE_STAFF, new ReactivateStaff(actor(rc), id(rc))));
    operations.bind("adminAuditLog", this::auditLog);
  }

  private void list(RoutingContext rc) {
    RequestParameter active = query(rc).get("active");
    var query = new ListStaff(active == null || active.isNull() ? null : active.getBoolean());
    bus.request(IdentityApi.LIST_STAFF, query, Requests.caller(rc))
      .onComplete(Replies.to(rc, (r, list) -> Replies.ok(r, new StaffListJson(list.items().stream().map(StaffJson::of).toList()))));
  }

  private void invite(RoutingContext rc) {
    Invitation body = Bodies.read(rc, Invitation.class);
    var command = new InviteStaff(actor(rc), body.email(), body.name(), StaffJson.roles(body.roles(), "roles"), body.password());
    bus.request(IdentityApi.INVITE_STAFF, command, Requests.caller(rc))
      .onComplete(Replies.to(rc, (r, invited) ->
        Replies.created(r, new InvitationJson(StaffJson.of(invited.staff()), invited.generatedPassword()))));
  }

  private <Q> void staff(RoutingContext rc, Endpoint<Q, StaffView> endpoint, Q command) {
    bus.request(endpoint, command, Requests.caller(rc))
      .onComplete(Replies.to(rc, (r, staff) -> Replies.ok(r, StaffJson.of(staff))));
  }

  private void auditLog(RoutingContext rc) {
    Map<String, RequestParameter> query = query(rc);
    RequestParameter limit = query.get("limit");
    RequestParameter after = query.get("after");
    var page = new ListAuditLog(limit == null || limit.isNull() ? DEFAULT_AUDIT_PAGE : limit.getInteger(),
      after == null || after.isNull() ? null : after.getString());
    bus.request(IdentityApi.LIST_AUDIT_LOG, page, Requests.caller(rc))
      .onComplete(Replies.to(rc, Replies::ok));
  }

  private static Map<String, RequestParameter> query(RoutingContext rc) {
    ValidatedRequest validated = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    return validated.getQuery();
  }

  private static UUID actor(RoutingContext rc) {
    return Requests.principal(rc).id();
  }

  private static UUID id(RoutingContext rc) {
    return UUID.fromString(rc.pathParam("id"));
  }
}
