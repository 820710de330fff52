package io.kinetic.gateway.analytics;

import graphql.schema.idl.RuntimeWiring;
import io.kinetic.gateway.Replies;
import io.kinetic.gateway.Requests;
import io.kinetic.gateway.edge.EdgeContext;
import io.kinetic.gateway.edge.EdgeHandlers;
import io.kinetic.gateway.edge.GraphQlApi;
import io.kinetic.gateway.edge.RestOperations;
import io.kinetic.gateway.graphql.Gql;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.analytics.AnalyticsApi;
import io.kinetic.kernel.contract.analytics.Dashboard;
import io.kinetic.kernel.contract.analytics.GetDashboard;
import io.kinetic.kernel.error.Failure;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The dashboard over REST and GraphQL: one bus request each; the dates are read here (a malformed
 * one is VALIDATION_FAILED), every rule on them is the analytics context's. Figures are for staff
 * only: {@code Cache-Control: no-store}.
 */
final class AnalyticsHandlers implements EdgeHandlers {

  private final BusClient bus;

  AnalyticsHandlers(EdgeContext context) {
    this.bus = context.bus();
  }

  @Override
  public void bindOperations(RestOperations operations) {
    operations.bind("getSalesDashboard", rc -> {
      var q = rc.queryParams();
      request(q.get("from"), q.get("to"), q.get("granularity"), q.get("currency"), Requests.caller(rc))
        .onComplete(Replies.to(rc, AnalyticsHandlers::noStore));
    });
  }

  @Override
  public void wire(GraphQlApi api, RuntimeWiring.Builder wiring) {
    if (api != GraphQlApi.ADMIN) {
      return;
    }
    wiring.type("Query", t -> t.dataFetcher("salesDashboard", env -> {
      String granularity = env.getArgument("granularity");
      return request(env.getArgument("from"), env.getArgument("to"),
        granularity == null ? null : granularity.toLowerCase(Locale.ROOT), env.getArgument("currency"), Gql.caller(env));
    }));
    wiring.type("SalesDashboard", t -> t.dataFetcher("granularity",
      env -> env.<Dashboard>getSource().granularity().toUpperCase(Locale.ROOT)));
  }

  private Future<Dashboard> request(String from, String to, String granularity, String currency, Caller caller) {
    LocalDate first;
    LocalDate last;
    try {
      first = date("from", from);
      last = date("to", to);
    } catch (Failure f) {
      return Future.failedFuture(f);
    }
    return bus.request(AnalyticsApi.DASHBOARD, new GetDashboard(first, last, granularity, currency), caller);
  }

  private static LocalDate date(String field, String text) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw Failure.invalid(field, "must be a date like 2026-11-01");
    }
  }

  private static void noStore(RoutingContext rc, Object body) {
    rc.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    Replies.ok(rc, body);
  }
}
