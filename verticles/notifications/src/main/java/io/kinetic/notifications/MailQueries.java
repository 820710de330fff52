package io.kinetic.notifications;

import io.kinetic.kernel.contract.notifications.GetMail;
import io.kinetic.kernel.contract.notifications.ListMails;
import io.kinetic.kernel.contract.notifications.MailPage;
import io.kinetic.kernel.contract.notifications.MailSummary;
import io.kinetic.kernel.contract.notifications.MailView;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Staff's view of the e-mails: pages newest first, and one mail rendered again (its secrets masked). */
final class MailQueries {

  private static final Set<String> STATUSES = Set.of("pending", "sent", "failed");

  private final Pool pool;
  private final MailTemplates templates;
  private final String from;
  private final String domain;

  MailQueries(Pool pool, MailTemplates templates, String from) {
    this.pool = pool;
    this.templates = templates;
    this.from = from;
    this.domain = MailSender.domainOf(from);
  }

  /** Fails {@code VALIDATION_FAILED} (limit, status), {@code INVALID_CURSOR}. */
  Future<MailPage> list(ListMails query) {
    if (query.limit() < 1 || query.limit() > 100) {
      return Future.failedFuture(Failure.invalid("limit", "must be 1 to 100"));
    }
    if (query.status() != null && !STATUSES.contains(query.status())) {
      return Future.failedFuture(Failure.invalid("status", "must be one of pending, sent, failed"));
    }
    Cursor after;
    try {
      after = query.after() == null ? null : Cursor.parse(query.after());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(ErrorCode.INVALID_CURSOR.failure("the cursor is not one this list handed out"));
    }
    String recipient = query.recipient() == null || query.recipient().isBlank() ? null
      : query.recipient().strip().toLowerCase(java.util.Locale.ROOT);
    var tuple = Tuple.tuple().addValue(query.status()).addValue(recipient)
      .addValue(after == null ? null : after.createdAt()).addValue(after == null ? null : after.id())
      .addValue(query.limit() + 1);
    return pool.preparedQuery(MailSql.PAGE).execute(tuple).map(rows -> {
      List<MailSummary> items = new ArrayList<>();
      Row last = null;
      for (Row row : rows) {
        if (items.size() == query.limit()) {
          break;
        }
        items.add(summary(row));
        last = row;
      }
      String next = rows.size() > query.limit() && last != null
        ? new Cursor(last.getOffsetDateTime("created_at"), last.getUUID("id")).text() : null;
      return new MailPage(items, next);
    });
  }

  /** Fails {@code MAIL_NOT_FOUND}. */
  Future<MailView> get(GetMail query) {
    if (query.id() == null) {
      return Future.failedFuture(Failure.invalid("id", "must not be null"));
    }
    return pool.preparedQuery(MailSql.ONE).execute(Tuple.of(query.id())).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(ErrorCode.MAIL_NOT_FOUND.failure("mail " + query.id() + " not found"));
      }
      Row row = rows.iterator().next();
      var rendered = templates.render(row.getString("kind"), row.getString("locale"), row.getString("subject"),
        row.getJsonObject("model").getMap(), false);
      return Future.succeededFuture(new MailView(summary(row), MailSender.messageId(row.getUUID("event_id"), domain), from,
        rendered.text(), rendered.html()));
    });
  }

  private static MailSummary summary(Row row) {
    return new MailSummary(row.getUUID("id"), row.getUUID("event_id"), row.getString("kind"), row.getString("recipient"),
      row.getString("locale"), row.getString("subject"), row.getString("order_number"), row.getString("status"),
      row.getInteger("attempts"), "pending".equals(row.getString("status")) ? instant(row.getOffsetDateTime("next_attempt_at")) : null,
      row.getString("last_error"), instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("sent_at")));
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }

  /** The last row of a page: its creation time (microseconds) and id, as opaque text. */
  private record Cursor(OffsetDateTime createdAt, UUID id) {

    String text() {
      Instant at = createdAt.toInstant();
      long micros = at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
      return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + "_" + id).getBytes(StandardCharsets.UTF_8));
    }

    static Cursor parse(String text) {
      String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      int sep = decoded.indexOf('_');
      if (sep < 0) {
        throw new IllegalArgumentException("no separator");
      }
      long micros = Long.parseLong(decoded.substring(0, sep));
      Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
      return new Cursor(at.atOffset(ZoneOffset.UTC), UUID.fromString(decoded.substring(sep + 1)));
    }
  }
}
