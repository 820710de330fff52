package io.kinetic.cart;

import io.kinetic.kernel.contract.checkout.OrderedCart;
import io.kinetic.kernel.contract.checkout.OrderedCartLine;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
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
  private static final String LOAD_COPY = "SELECT state, version FROM customer_cart WHERE customer_id = $1 AND cart_id = $2";
  /** The copy with an order's lines taken out, unless a newer version came from Redis meanwhile. */
  private static final String STORE_TAKEN = """
    UPDATE customer_cart SET state = $4, updated_at = now() WHERE customer_id = $1 AND cart_id = $2 AND version = $3
    """;

  Future<Void> save(SqlClient client, CartState state) {
    return client.preparedQuery(SAVE)
      .execute(Tuple.of(state.customerId(), state.id(), state.fieldsJson(), state.version()))
      .mapEmpty();
  }

  /**
   * Takes an order's lines out of the stored copy of the customer's cart as {@code ordered.lua} does
   * in Redis: for a cart that Redis does not have, or that Redis cannot be asked about now, so that
   * the copy brought back after Redis lost the cart no longer holds them. The version stays as it
   * is: a cart that Redis still has (it was only unreachable) stays the newer one, and its next
   * change is written over this. Written only over the copy it was made from (not over a newer
   * version written meanwhile, which came from Redis). Answers whether the copy changed.
   */
  Future<Boolean> takeOrdered(SqlClient client, UUID customerId, OrderedCart cart, long nowMillis) {
    return client.preparedQuery(LOAD_COPY).execute(Tuple.of(customerId, cart.cartId())).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(false);
      }
      Row row = rows.iterator().next();
      JsonObject state = row.getJsonObject("state");
      if (!take(state, cart, nowMillis)) {
        return Future.succeededFuture(false);
      }
      return client.preparedQuery(STORE_TAKEN).execute(Tuple.of(customerId, cart.cartId(), row.getLong("version"), state))
        .map(updated -> updated.rowCount() == 1);
    });
  }

  /** {@code ordered.lua} on a stored hash (the reservations are Redis's): whether it changed. */
  static boolean take(JsonObject state, OrderedCart cart, long nowMillis) {
    boolean changed = false;
    for (OrderedCartLine ordered : cart.lines()) {
      String field = "l:" + ordered.variantId();
      Object value = state.getValue(field);
      if (value == null) {
        continue;
      }
      // "qty|seen amount|seen currency|added ms"
      String[] parts = String.valueOf(value).split("\\|", -1);
      if (parts.length != 4 || !parts[3].equals(Long.toString(ordered.addedAt().toEpochMilli()))) {
        continue;
      }
      int left = Integer.parseInt(parts[0]) - ordered.quantity();
      if (left > 0) {
        state.put(field, left + "|" + parts[1] + "|" + parts[2] + "|" + nowMillis);
      } else {
        state.remove(field);
        state.put("n", Long.toString(Math.max(0, Long.parseLong(String.valueOf(state.getValue("n", "1"))) - 1)));
      }
      changed = true;
    }
    if (changed) {
      // what the renewal mark said of the reservations is no longer so
      state.remove("rn");
    }
    return changed;
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
