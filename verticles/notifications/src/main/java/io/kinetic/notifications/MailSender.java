package io.kinetic.notifications;

import io.kinetic.kernel.config.AppConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.MailMessage;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers the pending mails: when a consumer's transaction added one ({@link #wake}) and every
 * {@code mail.pollMillis}, it claims up to {@code mail.batchSize} due ones, renders and hands each to the {@link MailTransport}, then marks it sent, or due again
 * after a backoff that doubles from {@code retryBaseMillis} up to {@code retryMaxMillis}, or failed
 * after {@code maxAttempts}.
 *
 * <p><b>Once per event.</b> A mail row exists once per event (see {@link OutgoingMails}), and only
 * a sender holding its claim delivers it. The one gap left is a crash (or a lost database
 * connection) after the server accepted a message and before the row was marked: the claim runs
 * out after {@value #CLAIM_SECONDS} s and the mail goes out again, with the same {@code Message-ID}
 * ({@code <event id@shop domain>}), which mail servers and clients use to drop the duplicate; the
 * {@code .eml} sink rewrites the same file.
 */
final class MailSender {

  static final int CLAIM_SECONDS = 120;
  /** The longest one delivery may take: a quarter of the claim. */
  static final int DELIVERY_SECONDS = CLAIM_SECONDS / 4;
  private static final Logger LOG = Logger.getLogger(MailSender.class.getName());
  private static final int MAX_ERROR = 500;

  private final Vertx vertx;
  private final Pool pool;
  private final MailTemplates templates;
  private final MailTransport transport;
  private final AppConfig.Mail settings;
  private final String domain;
  private Context context;
  private long timer = -1;
  private boolean running;
  private boolean again;
  private boolean stopped;

  MailSender(Vertx vertx, Pool pool, MailTemplates templates, MailTransport transport, AppConfig.Mail settings) {
    this.vertx = vertx;
    this.pool = pool;
    this.templates = templates;
    this.transport = transport;
    this.settings = settings;
    this.domain = domainOf(settings.from());
  }

  Future<Void> start() {
    stopped = false;
    context = vertx.getOrCreateContext();
    timer = vertx.setPeriodic(settings.pollMillis(), id -> poke());
    poke();
    return Future.succeededFuture();
  }

  Future<Void> stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  /** Delivers what is due now; from any thread (e.g. when a consumer's transaction added a mail). */
  void wake() {
    Context on = context;
    if (on != null) {
      on.runOnContext(v -> poke());
    }
  }

  /** Delivers what is due now, on the caller's context (the verticle's). */
  private void poke() {
    if (stopped) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    pass().onComplete(ar -> {
      running = false;
      if (ar.failed()) {
        LOG.log(Level.FINE, "mail sender pass failed, retrying at the next poll: " + ar.cause());
      } else if (again || ar.result() == settings.batchSize()) {
        poke();
      }
    });
  }

  /** Message-ID of the mail of one event: the same however often it is delivered. */
  static String messageId(UUID eventId, String domain) {
    return "<" + eventId + "@" + domain + ">";
  }

  static String domainOf(String from) {
    int at = from.lastIndexOf('@');
    String domain = at < 0 ? "localhost" : from.substring(at + 1).replace(">", "").strip();
    return domain.isEmpty() ? "localhost" : domain;
  }

  /**
   * Claims a batch, delivers its mails side by side, then marks the delivered ones sent in one
   * statement (a failed one is marked on its own, with its error). A mark that fails leaves its
   * mails claimed: they go out again when the claim runs out (see the class comment).
   */
  private Future<Integer> pass() {
    return pool.preparedQuery(MailSql.CLAIM).execute(Tuple.of(settings.batchSize(), (double) CLAIM_SECONDS)).compose(rows -> {
      List<Future<Void>> deliveries = new ArrayList<>();
      List<UUID> sent = new ArrayList<>();
      for (Row row : rows) {
        deliveries.add(deliver(row, sent));
      }
      return Future.join(deliveries)
        .transform(ar -> sent.isEmpty() ? Future.succeededFuture()
          : pool.preparedQuery(MailSql.MARK_ALL_SENT).execute(Tuple.of(sent.toArray(UUID[]::new))).mapEmpty())
        .map(rows.size());
    });
  }

  /** Delivers one claimed mail: its id joins {@code sent}, or its failed attempt is marked. */
  private Future<Void> deliver(Row row, List<UUID> sent) {
    UUID id = row.getUUID("id");
    UUID eventId = row.getUUID("event_id");
    int attempts = row.getInteger("attempts");
    Future<Void> delivered;
    try {
      delivered = bounded(transport.deliver(row.getString("kind") + "-" + eventId, message(row)));
    } catch (RuntimeException e) {
      delivered = Future.failedFuture(e);
    }
    return delivered
      .map(v -> {
        sent.add(id);
        return (Void) null;
      })
      .recover(failure -> {
        String error = String.valueOf(failure.getMessage() == null ? failure : failure.getMessage());
        boolean last = attempts >= settings.maxAttempts();
        LOG.log(last ? Level.WARNING : Level.INFO, "mail " + id + " (" + row.getString("kind") + ") not delivered, attempt "
          + attempts + (last ? ", giving up: " : ", will retry: ") + error);
        var tuple = Tuple.tuple().addValue(id).addValue(settings.maxAttempts()).addValue(backoffSeconds(attempts))
          .addValue(error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error);
        return pool.preparedQuery(MailSql.MARK_ATTEMPT_FAILED).execute(tuple).<Void>mapEmpty();
      });
  }

  /**
   * A delivery that has not settled after {@value #DELIVERY_SECONDS} s counts as a failed attempt:
   * the batch's delivered mails are marked sent once all of its deliveries settled, which must be
   * well within their claim (else another sender would deliver them again).
   */
  private Future<Void> bounded(Future<Void> delivery) {
    if (delivery.isComplete()) {
      return delivery;
    }
    Promise<Void> settled = Promise.promise();
    long timer = vertx.setTimer(DELIVERY_SECONDS * 1000L,
      t -> settled.tryFail("no answer from the mail transport within " + DELIVERY_SECONDS + " s"));
    delivery.onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        settled.tryComplete();
      } else {
        settled.tryFail(ar.cause());
      }
    });
    return settled.future();
  }

  private MailMessage message(Row row) {
    String locale = row.getString("locale");
    JsonObject model = row.getJsonObject("model");
    var rendered = templates.render(row.getString("kind"), locale, row.getString("subject"), model.getMap(), true);
    var headers = MultiMap.caseInsensitiveMultiMap()
      .add("Message-ID", messageId(row.getUUID("event_id"), domain))
      .add("Content-Language", locale);
    return new MailMessage()
      .setFrom(settings.from())
      .setTo(row.getString("recipient"))
      .setSubject(rendered.subject())
      .setText(rendered.text())
      .setHtml(rendered.html())
      .setHeaders(headers);
  }

  /** The wait before attempt {@code attempts + 1}: base, doubling, at most the maximum. */
  double backoffSeconds(int attempts) {
    long millis = settings.retryBaseMillis() << Math.min(Math.max(0, attempts - 1), 30);
    if (millis <= 0 || millis > settings.retryMaxMillis()) {
      millis = settings.retryMaxMillis();
    }
    return millis / 1000.0;
  }
}
