package io.kinetic.cart;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Customer carts in PostgreSQL, written through on every change, so none is lost with Redis. A
 * write never replaces a newer version (two nodes writing one cart in the other order).
 */
final class CustomerCarts {

  private static final String SAVE = """
    INSERT INTO customer_cart (customer_id, cart_id, state, version, updated_at) VALUES ($1, $2, $3, $4, now())
    ON CONFLICT (customer_id) DO UPDATE SET cart_id = EXCLUDED.cart_id, state = EXCLUDED.state,
      version = EXCLUDED.version, updated_at = now()
    WHERE customer_cart.version < EXCLUDED.version OR customer_cart.cart_id <> EXCLUDED.cart_id
    """;
  private static final String LOAD = "SELECT state FROM customer_cart WHERE customer_id = $1";

  Future<Void> save(SqlClient client, CartState state) {
    return client.preparedQuery(SAVE)
      .execute(Tuple.of(state.customerId(), state.id(), state.fieldsJson(), state.version()))
      .mapEmpty();
  }

  /** The stored Redis hash of the customer's cart, or null. */
  Future<Map<String, String>> load(SqlClient client, UUID customerId) {
    return client.preparedQuery(LOAD).execute(Tuple.of(customerId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      JsonObject json = rows.iterator().next().getJsonObject("state");
      var fields = new LinkedHashMap<String, String>();
      json.forEach(e -> fields.put(e.getKey(), String.valueOf(e.getValue())));
      return fields;
    });
  }
}
