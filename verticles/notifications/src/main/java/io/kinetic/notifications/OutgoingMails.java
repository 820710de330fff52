package io.kinetic.notifications;

import io.kinetic.kernel.contract.log.LoggedEvent;
import io.kinetic.kernel.id.Ids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
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

  Future<Void> add(SqlConnection tx, LoggedEvent event, String kind, String recipient, String locale,
                   Map<String, Object> model, OrderRef order) {
    String lang = MailTemplates.locale(locale, defaultLocale);
    String subject = templates.subject(kind, lang, model);
    var row = Tuple.tuple().addValue(Ids.newId()).addValue(event.eventId()).addValue(kind).addValue(recipient)
      .addValue(lang).addValue(subject).addValue(new JsonObject(model))
      .addValue(order == null ? null : order.id()).addValue(order == null ? null : order.number());
    return tx.preparedQuery(MailSql.ADD).execute(row).map(added -> {
      var transaction = tx.transaction();
      if (added.rowCount() > 0 && transaction != null) {
        transaction.completion().onSuccess(v -> committed.run());
      }
      return null;
    });
  }

}
