package io.kinetic.kernel.outbox;

import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.json.Json;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
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
    if (events.size() == 1) {
      return append(tx, events.get(0), caller);
    }
    return tx.preparedQuery(INSERT_ALL).execute(arrays(Tuple.tuple(), events, caller)).mapEmpty();
  }

  /**
   * An insert of many events in one statement, as one execution: their columns as arrays, from
   * parameter {@code $first} on ({@link #arrays} adds them), inserted in the arrays' order. For a
   * statement that appends the events of a change together with the change (a data-modifying
   * {@code WITH}).
   */
  public static String insertAll(int first) {
    return """
      INSERT INTO outbox (%s)
      SELECT e.id, e.type, e.address, e.payload::jsonb, e.correlation, e.aggregate, e.version, e.actor
      FROM unnest($%d::uuid[], $%d::text[], $%d::text[], $%d::text[], $%d::text[], $%d::text[], $%d::bigint[], $%d::text[])
        WITH ORDINALITY AS e(id, type, address, payload, correlation, aggregate, version, actor, n)
      ORDER BY e.n""".formatted(COLUMNS, first, first + 1, first + 2, first + 3, first + 4, first + 5, first + 6, first + 7);
  }

  private static final String INSERT_ALL = insertAll(1);

  /** Adds the eight arrays {@link #insertAll} takes for {@code events} caused by {@code caller} to {@code params}. */
  public static Tuple arrays(Tuple params, List<? extends DomainEvent> events, Caller caller) {
    int n = events.size();
    var ids = new java.util.UUID[n];
    var types = new String[n];
    var addresses = new String[n];
    var payloads = new String[n];
    var correlations = new String[n];
    var aggregates = new String[n];
    var versions = new Long[n];
    var actors = new String[n];
    for (int i = 0; i < n; i++) {
      DomainEvent event = events.get(i);
      String name = EventTypes.name(event);
      ids[i] = event.eventId();
      types[i] = name;
      addresses[i] = EventTypes.address(name);
      payloads[i] = Json.string(event);
      correlations[i] = caller.correlationId();
      aggregates[i] = event.aggregateId();
      versions[i] = event.version();
      actors[i] = caller.actor();
    }
    return params.addValue(ids).addValue(types).addValue(addresses).addValue(payloads).addValue(correlations)
      .addValue(aggregates).addValue(versions).addValue(actors);
  }

  /**
   * Appends {@code event} unless an event with its id is in the outbox already; true when it was
   * appended. With an event id derived from what the event is about (e.g. a cart's id), the event
   * is logged once however often it is appended (as long as the log keeps it). One statement: no
   * transaction needed for the event alone.
   */
  public static Future<Boolean> appendOnce(SqlClient client, DomainEvent event, Caller caller) {
    return appendOnce(client, INSERT_ONCE, event, caller);
  }

  /**
   * {@link #appendOnce}, its commit not waiting for its WAL flush ({@link Relaxed}): for an event
   * alone in its statement that the context may lose in a crash (e.g. the cart's CartCreated, which
   * only counts a cart in the funnel: the cart itself lives in Redis). Any durable commit after it
   * flushes it first. Call it outside a transaction: inside one it would relax the whole transaction.
   */
  public static Future<Boolean> appendOnceRelaxed(SqlClient client, DomainEvent event, Caller caller) {
    return appendOnce(client, INSERT_ONCE_RELAXED, event, caller);
  }

  private static final String INSERT_ONCE_RELAXED = INSERT_ONCE + " RETURNING " + Relaxed.COMMIT;

  private static Future<Boolean> appendOnce(SqlClient client, String sql, DomainEvent event, Caller caller) {
    return client.preparedQuery(sql).execute(values(event, caller)).map(rows -> rows.rowCount() == 1);
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
