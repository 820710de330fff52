package io.kinetic.gateway.graphql;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.kinetic.gateway.StaffJson;
import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.contract.identity.AuditPage;
import io.kinetic.kernel.contract.identity.DeactivateStaff;
import io.kinetic.kernel.contract.identity.GetStaff;
import io.kinetic.kernel.contract.identity.InviteStaff;
import io.kinetic.kernel.contract.identity.ListAuditLog;
import io.kinetic.kernel.contract.identity.ListStaff;
import io.kinetic.kernel.contract.identity.ReactivateStaff;
import io.kinetic.kernel.contract.identity.SetStaffRoles;
import io.kinetic.kernel.contract.identity.StaffList;
import io.kinetic.kernel.contract.identity.StaffView;
import io.kinetic.kernel.error.Failure;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The staff-management fields of the admin schema (role admin), mirroring {@code /api/v1/admin/staff}
 * and {@code /api/v1/admin/audit-log}; the acting admin is the token's subject.
 */
final class StaffFetchers {

  private static final List<String> ADMIN = List.of("admin");
  static final int DEFAULT_AUDIT_PAGE = 50;
  private final BusClient bus;

  StaffFetchers(BusClient bus) {
    this.bus = bus;
  }

  void wire(RuntimeWiring.Builder wiring) {
    wiring
      .type("Query", t -> t
        .dataFetcher("staffMembers", admin(env -> bus.request(IdentityApi.LIST_STAFF,
          new ListStaff(env.getArgument("active")), Gql.caller(env)).map(StaffList::items)))
        .dataFetcher("staffMember", admin(env -> bus.request(IdentityApi.GET_STAFF,
          new GetStaff(Gql.id("id", env.getArgument("id"))), Gql.caller(env))))
        .dataFetcher("auditLog", admin(this::auditLog)))
      .type("Mutation", t -> t
        .dataFetcher("inviteStaff", mutation(this::invite))
        .dataFetcher("setStaffRoles", mutation(env -> bus.request(IdentityApi.SET_STAFF_ROLES, new SetStaffRoles(
          actor(env), Gql.id("id", env.getArgument("id")), StaffJson.roles(env.getArgument("roles"), "roles")), Gql.caller(env))))
        .dataFetcher("deactivateStaff", mutation(env -> bus.request(IdentityApi.DEACTIVATE_STAFF,
          new DeactivateStaff(actor(env), Gql.id("id", env.getArgument("id"))), Gql.caller(env))))
        .dataFetcher("reactivateStaff", mutation(env -> bus.request(IdentityApi.REACTIVATE_STAFF,
          new ReactivateStaff(actor(env), Gql.id("id", env.getArgument("id"))), Gql.caller(env)))))
      .type("InviteStaffResult", t -> t.typeResolver(GqlTypes.RESULTS))
      .type("StaffResult", t -> t.typeResolver(GqlTypes.RESULTS));
  }

  private Future<?> invite(DataFetchingEnvironment env) {
    Map<String, Object> input = env.getArgument("input");
    @SuppressWarnings("unchecked")
    var roles = StaffJson.roles((List<String>) input.get("roles"), "input.roles");
    var command = new InviteStaff(actor(env), (String) input.get("email"), (String) input.get("name"), roles,
      (String) input.get("password"));
    return bus.request(IdentityApi.INVITE_STAFF, command, Gql.caller(env));
  }

  private Future<GqlTypes.Connection> auditLog(DataFetchingEnvironment env) {
    Integer first = env.getArgument("first");
    var query = new ListAuditLog(first == null ? DEFAULT_AUDIT_PAGE : first, env.getArgument("after"));
    return bus.request(IdentityApi.LIST_AUDIT_LOG, query, Gql.caller(env)).map(page -> new GqlTypes.Connection(
      page.items().stream().map(entry -> new GqlTypes.Edge(entry.id(), entry)).toList(),
      new GqlTypes.PageInfo(page.nextCursor() != null, page.nextCursor())));
  }

  private static UUID actor(DataFetchingEnvironment env) {
    return Gql.staff(env, ADMIN).id();
  }

  private static DataFetcher<Future<?>> admin(Function<DataFetchingEnvironment, Future<?>> body) {
    return Gql.staffQuery(ADMIN, body);
  }

  private static DataFetcher<Future<Object>> mutation(Function<DataFetchingEnvironment, Future<?>> body) {
    return Gql.staffMutation(ADMIN, body);
  }
}
