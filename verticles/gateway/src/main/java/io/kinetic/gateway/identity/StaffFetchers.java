package io.kinetic.gateway.identity;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.kinetic.gateway.graphql.Gql;
import io.kinetic.gateway.graphql.GqlTypes;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.contract.identity.DeactivateStaff;
import io.kinetic.kernel.contract.identity.GetStaff;
import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.contract.identity.InviteStaff;
import io.kinetic.kernel.contract.identity.ListAuditLog;
import io.kinetic.kernel.contract.identity.ListStaff;
import io.kinetic.kernel.contract.identity.ReactivateStaff;
import io.kinetic.kernel.contract.identity.SetStaffRoles;
import io.kinetic.kernel.contract.identity.StaffList;
import io.kinetic.kernel.contract.identity.StaffView;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Data fetchers of the identity's admin fields (graphql/identity/admin.graphqls): the signed-in
 * member, staff management and the audit log, mirroring {@code /api/v1/admin/staff} and
 * {@code /api/v1/admin/audit-log}; who may run them is their {@code @auth} there. The acting
 * admin is the token's subject.
 */
final class StaffFetchers {

  private final BusClient bus;

  StaffFetchers(BusClient bus) {
    this.bus = bus;
  }

  void wire(RuntimeWiring.Builder wiring) {
    wiring
      .type("Query", t -> t
        .dataFetcher("me", env -> bus.request(IdentityApi.GET_STAFF, new GetStaff(actor(env)), Gql.caller(env)))
        .dataFetcher("staffMembers", env -> bus.request(IdentityApi.LIST_STAFF,
          new ListStaff(env.getArgument("active")), Gql.caller(env)).map(StaffList::items))
        .dataFetcher("staffMember", env -> bus.request(IdentityApi.GET_STAFF,
          new GetStaff(Gql.id("id", env.getArgument("id"))), Gql.caller(env)))
        .dataFetcher("auditLog", this::auditLog))
      .type("Mutation", t -> t
        .dataFetcher("inviteStaff", Gql.mutation(this::invite))
        .dataFetcher("setStaffRoles", Gql.mutation(env -> bus.request(IdentityApi.SET_STAFF_ROLES, new SetStaffRoles(
          actor(env), Gql.id("id", env.getArgument("id")), StaffJson.roles(env.getArgument("roles"), "roles")), Gql.caller(env))))
        .dataFetcher("deactivateStaff", Gql.mutation(env -> bus.request(IdentityApi.DEACTIVATE_STAFF,
          new DeactivateStaff(actor(env), Gql.id("id", env.getArgument("id"))), Gql.caller(env))))
        .dataFetcher("reactivateStaff", Gql.mutation(env -> bus.request(IdentityApi.REACTIVATE_STAFF,
          new ReactivateStaff(actor(env), Gql.id("id", env.getArgument("id"))), Gql.caller(env)))))
      .type("Staff", t -> t.dataFetcher("roles", env -> StaffJson.roleNames(((StaffView) env.getSource()).roles())));
  }

  private Future<?> invite(DataFetchingEnvironment env) {
    Map<String, Object> input = env.getArgument("input");
    @SuppressWarnings("unchecked")
    var roles = StaffJson.roles((List<String>) input.get("roles"), "input.roles");
    var command = new InviteStaff(actor(env), Gql.text("input.email", input.get("email"), 3, 254),
      Gql.text("input.name", input.get("name"), 1, 100), roles, Gql.text("input.password", input.get("password"), 1, 1024));
    return bus.request(IdentityApi.INVITE_STAFF, command, Gql.caller(env));
  }

  private Future<GqlTypes.Connection> auditLog(DataFetchingEnvironment env) {
    Integer first = env.getArgument("first");
    var query = new ListAuditLog(first == null ? StaffRoutes.DEFAULT_AUDIT_PAGE : first, env.getArgument("after"));
    return bus.request(IdentityApi.LIST_AUDIT_LOG, query, Gql.caller(env)).map(page -> new GqlTypes.Connection(
      page.items().stream().map(entry -> new GqlTypes.ConnectionEdge(entry.id(), entry)).toList(),
      new GqlTypes.PageInfo(page.nextCursor() != null, page.nextCursor())));
  }

  /** The signed-in member (the field's {@code @auth} made sure there is one). */
  private static UUID actor(DataFetchingEnvironment env) {
    return Gql.principal(env).id();
  }
}
