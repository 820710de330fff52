package io.kinetic.identity;

import io.kinetic.kernel.contract.identity.AuditEntry;
import io.kinetic.kernel.contract.identity.AuditPage;
import io.kinetic.kernel.contract.identity.ListAuditLog;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.json.Json;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;

/**
 * The audit log of staff actions (table {@code audit_entry}). {@link #append} writes an entry on the
 * client given, so that it commits with the action it records. Entries of other contexts are
 * appended the same way by whatever consumes their events, with the event's id as {@code
 * sourceEventId}: the same event twice is recorded once.
 */
final class AuditLog {

  static final String IDENTITY = "identity";
  static final int MAX_PAGE = 100;

  /**
   * An entry to write; {@code actorId}/{@code actorEmail} null for the system, {@code sourceEventId}
   * and {@code at} null for an action recorded where it happens (it is then now).
   */
  record Record(String context, String action, UUID actorId, String actorEmail, String targetType, String targetId,
                String correlationId, Map<String, Object> details, UUID sourceEventId, Instant at) {

    /** An identity action on a staff member. */
    static Record staff(String action, Account actor, Account target, String correlationId, Map<String, Object> details) {
      return new Record(IDENTITY, action, actor == null ? null : actor.id(), actor == null ? null : actor.email(),
        "staff", target.id().toString(), correlationId, details, null, null);
    }
  }

  private final SqlClient pool;

  AuditLog(SqlClient pool) {
    this.pool = pool;
  }

  static Future<Void> append(SqlClient client, Record entry) {
    return client.preparedQuery(IdentitySql.INSERT_AUDIT_ENTRY)
      .execute(Tuple.from(new Object[] {entry.context(), entry.action(), entry.actorId(), entry.actorEmail(),
        entry.targetType(), entry.targetId(), entry.correlationId(), new JsonObject(entry.details()), entry.sourceEventId(),
        entry.at() == null ? null : entry.at().atOffset(ZoneOffset.UTC)}))
      .mapEmpty();
  }

  /** Fails {@code VALIDATION_FAILED} for a limit outside 1..100, {@code INVALID_CURSOR} for a cursor not from here. */
  Future<AuditPage> page(ListAuditLog query) {
    if (query.limit() < 1 || query.limit() > MAX_PAGE) {
      return Future.failedFuture(Failure.invalid("limit", "must be 1 to " + MAX_PAGE));
    }
    long below;
    try {
      below = query.after() == null ? Long.MAX_VALUE : cursor(query.after());
    } catch (Failure f) {
      return Future.failedFuture(f);
    }
    return pool.preparedQuery(IdentitySql.AUDIT_PAGE).execute(Tuple.of(below, query.limit() + 1)).map(rows -> {
      var items = new ArrayList<AuditEntry>();
      for (Row row : rows) {
        items.add(entry(row));
      }
      if (items.size() <= query.limit()) {
        return new AuditPage(items, null);
      }
      items.remove(items.size() - 1);
      return new AuditPage(items, items.get(items.size() - 1).id());
    });
  }

  /** A cursor is the id of the last entry of a page: a positive decimal number. */
  private static long cursor(String after) {
    if (after.isEmpty() || after.length() > 18 || !after.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw ErrorCode.INVALID_CURSOR.failure("the cursor is not one this log handed out");
    }
    long seq = Long.parseLong(after);
    if (seq < 1) {
      throw ErrorCode.INVALID_CURSOR.failure("the cursor is not one this log handed out");
    }
    return seq;
  }

  /** Plain maps and lists, as every record on the bus carries them (not Vert.x JSON types). */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> plain(JsonObject json) {
    return Json.decode(json.encode(), Map.class);
  }

  private static AuditEntry entry(Row row) {
    JsonObject details = row.getJsonObject("details");
    return new AuditEntry(Long.toString(row.getLong("seq")), row.getOffsetDateTime("at").toInstant(),
      row.getString("context"), row.getString("action"), row.getUUID("actor_id"), row.getString("actor_email"),
      row.getString("target_type"), row.getString("target_id"), row.getString("correlation_id"),
      details == null ? Map.of() : plain(details));
  }
}
