package io.kinetic.gateway.notifications;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.kinetic.gateway.Replies;
import io.kinetic.gateway.Requests;
import io.kinetic.gateway.edge.EdgeHandlers;
import io.kinetic.gateway.edge.GraphQlApi;
import io.kinetic.gateway.edge.RestOperations;
import io.kinetic.gateway.graphql.Gql;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.contract.notifications.GetMail;
import io.kinetic.kernel.contract.notifications.ListMails;
import io.kinetic.kernel.contract.notifications.MailPage;
import io.kinetic.kernel.contract.notifications.NotificationsApi;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.UUID;

/**
 * The notifications edge in one gateway instance: each REST operation and admin GraphQL field is
 * one bus request. Mails hold customers' data: answers are {@code Cache-Control: no-store}.
 */
final class MailHandlers implements EdgeHandlers {

  static final int DEFAULT_PAGE = 50;

  private final BusClient bus;

  MailHandlers(BusClient bus) {
    this.bus = bus;
  }

  @Override
  public void bindOperations(RestOperations operations) {
    operations.bind("listMails", rc -> {
      var q = rc.queryParams();
      String limit = q.get("limit");
      var query = new ListMails(q.get("status"), q.get("recipient"), limit == null ? DEFAULT_PAGE : Integer.parseInt(limit), q.get("after"));
      bus.request(NotificationsApi.LIST_MAILS, query, Requests.caller(rc)).onComplete(Replies.to(rc, MailHandlers::personal));
    });
    operations.bind("getMail", rc -> bus.request(NotificationsApi.GET_MAIL,
        new GetMail(UUID.fromString(rc.pathParam("mailId"))), Requests.caller(rc))
      .onComplete(Replies.to(rc, MailHandlers::personal)));
  }

  @Override
  public void wire(GraphQlApi api, RuntimeWiring.Builder wiring) {
    if (api != GraphQlApi.ADMIN) {
      return;
    }
    wiring.type("Query", t -> t
      .dataFetcher("mails", this::mails)
      .dataFetcher("mail", env -> bus.request(NotificationsApi.GET_MAIL, new GetMail(Gql.id("id", env.getArgument("id"))),
        Gql.caller(env))));
  }

  private Future<MailPage> mails(DataFetchingEnvironment env) {
    Integer first = env.getArgument("first");
    String status = env.getArgument("status");
    var query = new ListMails(status == null ? null : status.toLowerCase(Locale.ROOT), env.getArgument("recipient"),
      first == null ? DEFAULT_PAGE : first, env.getArgument("after"));
    // the context names the page size "limit", as REST does; here it is "first"
    return Replies.named(bus.request(NotificationsApi.LIST_MAILS, query, Gql.caller(env)), field -> "limit".equals(field) ? "first" : field);
  }

  private static void personal(RoutingContext rc, Object body) {
    rc.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    Replies.ok(rc, body);
  }
}
