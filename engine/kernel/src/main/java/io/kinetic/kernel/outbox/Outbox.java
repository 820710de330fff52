package io.kinetic.kernel.outbox;

import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.json.Json;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes domain events into the {@code outbox} table of the caller's schema. Call it with the
 * transaction's connection: the event then exists if and only if the change commits, and enters
 * the context's event log after the commit ({@link OutboxRelay}); call
 * {@link OutboxRelay#poke(io.vertx.core.Vertx, String)} after the commit so it does so at once.
 */
public final class Outbox {

  /** The outbox's columns that {@link #values} gives, in its order. */
  public static final String COLUMNS = "event_id, event_type, address, payload, correlation, aggregate_id, aggregate_version, actor";

  private static final String INSERT = "INSERT INTO outbox (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

  private static final String INSERT_ONCE = INSERT.strip() + " ON CONFLICT (event_id) DO NOTHING";

  private Outbox() {
  }

  /** Appends {@code event} caused by {@code caller} (its correlation id and actor are kept with it). */
  public static Future<Void> append(SqlClient tx, DomainEvent event, Caller caller) {
    return tx.preparedQuery(INSERT).execute(values(event, caller)).mapEmpty();
  }

  /**
   * Appends {@code events} in this order, as {@link #append} one by one would, in one round trip to
   * PostgreSQL (a batch of the same statement): a transaction that writes many events holds its
   * locks for one exchange instead of one per event.
   */
  public static Future<Void> appendAll(SqlClient tx, List<? extends DomainEvent> events, Caller caller) {
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    var rows = new ArrayList<Tuple>(events.size());
    for (DomainEvent event : events) {
      rows.add(values(event, caller));
    }
    return tx.preparedQuery(INSERT).executeBatch(rows).mapEmpty();
  }

  /**
   * Appends {@code event} unless an event with its id is in the outbox already; true when it was
   * appended. With an event id derived from what the event is about (e.g. a cart's id), the event
   * is logged once however often it is appended (as long as the log keeps it). One statement: no
   * transaction needed for the event alone.
   */
  public static Future<Boolean> appendOnce(SqlClient client, DomainEvent event, Caller caller) {
    return client.preparedQuery(INSERT_ONCE).execute(values(event, caller)).map(rows -> rows.rowCount() == 1);
  }

  public static Future<Void> append(SqlClient tx, DomainEvent event, String correlationId) {
    return append(tx, event, Caller.of(correlationId));
  }

  /**
   * The outbox row of {@code event} caused by {@code caller}, for a statement that appends it
   * together with the change it records (e.g. in a data-modifying {@code WITH} of a single statement,
   * which needs no transaction of its own): the columns of {@link #COLUMNS}, in that order.
   */
  public static Tuple values(DomainEvent event, Caller caller) {
    String name = EventTypes.name(event);
    return Tuple.of(event.eventId(), name, EventTypes.address(name), new JsonObject(Json.encode(event)),
      caller.correlationId(), event.aggregateId(), event.version(), caller.actor());
  }
}
