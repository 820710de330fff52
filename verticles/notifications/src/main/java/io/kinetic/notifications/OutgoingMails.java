package io.kinetic.notifications;

import io.kinetic.kernel.contract.log.LoggedEvent;
import io.kinetic.kernel.id.Ids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes the e-mail an event calls for, in the consumer's transaction, keyed by the event's id: an
 * event delivered again (a replay, a duplicate in the log, a consumer that crashed before its
 * checkpoint committed) finds its mail already there and adds nothing.
 */
final class OutgoingMails {

  /** What a mail is about, when it is about an order. */
  record OrderRef(UUID id, String number) {
  }

  private final MailTemplates templates;
  private final String defaultLocale;
  private final Runnable committed;

  /** {@code committed}: run once the transaction that added a mail committed (the sender delivers it at once). */
  OutgoingMails(MailTemplates templates, String defaultLocale, Runnable committed) {
    this.templates = templates;
    this.defaultLocale = defaultLocale;
    this.committed = committed;
  }

  /** A mail to write: what {@link #add} writes at once, or {@link #addAll} with others. */
  record Mail(UUID id, UUID eventId, String kind, String recipient, String locale, String subject, String model,
              UUID orderId, String orderNumber) {
  }

  Future<Void> add(SqlConnection tx, LoggedEvent event, String kind, String recipient, String locale,
                   Map<String, Object> model, OrderRef order) {
    Mail m = mail(event, kind, recipient, locale, model, order);
    var row = Tuple.tuple().addValue(m.id()).addValue(m.eventId()).addValue(m.kind()).addValue(m.recipient())
      .addValue(m.locale()).addValue(m.subject()).addValue(new JsonObject(model))
      .addValue(m.orderId()).addValue(m.orderNumber());
    return tx.preparedQuery(MailSql.ADD).execute(row).map(added -> {
      wakeAfterCommit(tx, added.rowCount());
      return null;
    });
  }

  /** The mail {@code event} calls for, its subject rendered, to be written by {@link #addAll}. */
  Mail mail(LoggedEvent event, String kind, String recipient, String locale, Map<String, Object> model, OrderRef order) {
    String lang = MailTemplates.locale(locale, defaultLocale);
    String subject = templates.subject(kind, lang, model);
    return new Mail(Ids.newId(), event.eventId(), kind, recipient, lang, subject, new JsonObject(model).encode(),
      order == null ? null : order.id(), order == null ? null : order.number());
  }

  /** Writes {@code mails} in one statement, in their order; one whose event has its mail already adds nothing. */
  Future<Void> addAll(SqlConnection tx, List<Mail> mails) {
    if (mails.isEmpty()) {
      return Future.succeededFuture();
    }
    var params = Tuple.tuple()
      .addValue(mails.stream().map(Mail::id).toArray(UUID[]::new))
      .addValue(mails.stream().map(Mail::eventId).toArray(UUID[]::new))
      .addValue(mails.stream().map(Mail::kind).toArray(String[]::new))
      .addValue(mails.stream().map(Mail::recipient).toArray(String[]::new))
      .addValue(mails.stream().map(Mail::locale).toArray(String[]::new))
      .addValue(mails.stream().map(Mail::subject).toArray(String[]::new))
      .addValue(mails.stream().map(Mail::model).toArray(String[]::new))
      .addValue(mails.stream().map(Mail::orderId).toArray(UUID[]::new))
      .addValue(mails.stream().map(Mail::orderNumber).toArray(String[]::new));
    return tx.preparedQuery(MailSql.ADD_ALL).execute(params).map(added -> {
      wakeAfterCommit(tx, added.size());
      return null;
    });
  }

  private void wakeAfterCommit(SqlConnection tx, int added) {
    var transaction = tx.transaction();
    if (added > 0 && transaction != null) {
      transaction.completion().onSuccess(v -> committed.run());
    }
  }

}
