package io.kinetic.notifications;

import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.BusServer;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.bus.Endpoint;
import io.kinetic.kernel.contract.checkout.CheckoutApi;
import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.contract.notifications.NotificationsApi;
import io.kinetic.kernel.outbox.LogConsumer;
import io.kinetic.kernel.outbox.Pipelining;
import io.kinetic.kernel.pg.PgPools;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.logging.Logger;

/**
 * Wires the notifications context: two durable consumers ({@value #CHECKOUT_CONSUMER} of the
 * checkout's log, {@value #IDENTITY_CONSUMER} of identity's) that turn events into outgoing-mail
 * rows in the transaction of their checkpoint, the {@link MailSender} that delivers them, and the
 * staff's endpoints of {@link NotificationsApi}.
 */
public class NotificationsVerticle extends VerticleBase {

  static final String CHECKOUT_CONSUMER = "notifications.checkout";
  static final String IDENTITY_CONSUMER = "notifications.identity";
  private static final Logger LOG = Logger.getLogger(NotificationsVerticle.class.getName());

  private final NotificationsSettings settings;
  private Pool pool;
  private LogConsumer checkout;
  private LogConsumer identity;
  private MailSender sender;
  private MailTransport transport;

  NotificationsVerticle(NotificationsSettings settings) {
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    var mail = settings.mail();
    pool = PgPools.create(vertx, settings.pgUrl(), settings.poolSize(), NotificationsModule.SCHEMA);
    var bus = new BusClient(vertx, settings.busTimeoutMillis());
    var outbox = settings.outbox();
    transport = mail.smtpConfigured() ? SmtpTransport.create(vertx, mail.smtpUrl()) : new EmlDirectory(vertx, Path.of(mail.directory()));
    return vertx.executeBlocking(() -> new MailTemplates(mail.shopName(), mail.shopUrl(), settings.resetKey())).compose(templates -> {
      sender = new MailSender(vertx, pool, templates, transport, mail);
      var mails = new OutgoingMails(templates, settings.defaultLocale(), sender::wake);
      var pipelining = new Pipelining(CHECKOUT_CONSUMER);
      var orderMails = pipelining.handler(new OrderMails(bus, pool, mails, settings.defaultLocale(), pipelining));
      var accountMails = new AccountMails(mails);
      checkout = new LogConsumer(vertx, pool, bus, CHECKOUT_CONSUMER, CheckoutApi.CONTRACT.context(), orderMails,
        outbox.batchSize(), outbox.pollMillis(), 3, OrderMails::skipPurged)
        .relaxCommits(); // mail rows keyed by event: the sender claims a mail durably, which makes its row durable first
      identity = new LogConsumer(vertx, pool, bus, IDENTITY_CONSUMER, IdentityApi.CONTRACT.context(), accountMails::apply,
        outbox.batchSize(), outbox.pollMillis(), 3, OrderMails::skipPurged).relaxCommits();
      var queries = new MailQueries(pool, templates, mail.from());
      LOG.info(mail.smtpConfigured() ? "e-mails go out over SMTP (" + transport.describe() + ")"
        : "no SMTP server configured (COMMERCE_SMTP_URL): e-mails are written to " + transport.describe());
      return Future.all(List.of(
        serve(NotificationsApi.LIST_MAILS, (q, caller) -> queries.list(q)),
        serve(NotificationsApi.GET_MAIL, (q, caller) -> queries.get(q))));
    }).compose(v -> checkout.start()).compose(v -> identity.start()).compose(v -> sender.start());
  }

  @Override
  public Future<?> stop() {
    Future<Void> consumers = Future.all(checkout == null ? Future.succeededFuture() : checkout.stop(),
      identity == null ? Future.succeededFuture() : identity.stop()).mapEmpty();
    return consumers
      .eventually(() -> sender == null ? Future.succeededFuture() : sender.stop())
      .eventually(() -> transport == null ? Future.succeededFuture() : transport.close())
      .eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }

  private <Q, R> Future<Void> serve(Endpoint<Q, R> endpoint, BiFunction<Q, Caller, Future<R>> action) {
    return BusServer.serve(vertx, endpoint, action).completion();
  }
}
