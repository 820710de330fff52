package io.kinetic.kernel.outbox;

import io.kinetic.kernel.contract.Contracts;
import io.kinetic.kernel.json.Json;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * Writes domain events into the {@code outbox} table of the caller's schema. Call it with the
 * transaction's connection: the event then exists if and only if the change commits.
 */
public final class Outbox {

  private static final String INSERT = """
    INSERT INTO outbox (event_id, event_type, address, payload, correlation)
    VALUES ($1, $2, $3, $4, $5)
    """;

  private Outbox() {
  }

  public static Future<Void> append(SqlClient tx, DomainEvent event, String correlationId) {
    String name = Contracts.typeName(event);
    var type = Contracts.eventType(name);
    var payload = new JsonObject(Json.encode(event));
    return tx.preparedQuery(INSERT)
      .execute(Tuple.of(event.eventId(), name, type.address(), payload, correlationId))
      .mapEmpty();
  }
}
