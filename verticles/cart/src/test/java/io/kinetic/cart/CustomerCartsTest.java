package io.kinetic.cart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.checkout.OrderedCart;
import io.kinetic.kernel.contract.checkout.OrderedCartLine;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An order's lines taken out of the stored copy of a cart, as ordered.lua takes them out of Redis's. */
class CustomerCartsTest {

  private static final UUID CART = UUID.randomUUID();
  private static final UUID A = UUID.randomUUID();
  private static final UUID B = UUID.randomUUID();
  private static final UUID C = UUID.randomUUID();

  @Test
  void theLinesAnOrderTookLeaveAndWhatWasAddedAfterStays() {
    var state = new JsonObject().put("id", CART.toString()).put("n", "3").put("v", "7").put("rn", "1700000009000")
      .put("l:" + A, "3|1000|EUR|1700000001000") // ordered 2, one more added since
      .put("l:" + B, "1|1100|EUR|1700000002000") // ordered as it is
      .put("l:" + C, "1|1200|EUR|1700000003000"); // added after the order
    var order = new OrderedCart(CART, List.of(line(A, 2, 1700000001000L), line(B, 1, 1700000002000L)));

    assertTrue(CustomerCarts.take(state, order, 1700000010000L));
    assertEquals("1|1000|EUR|1700000010000", state.getString("l:" + A), "the unit added after, as a line added now");
    assertNull(state.getString("l:" + B));
    assertEquals("1|1200|EUR|1700000003000", state.getString("l:" + C));
    assertEquals("2", state.getString("n"));
    assertEquals("7", state.getString("v"), "the version stays: Redis's cart stays the newer one");
    assertNull(state.getString("rn"));

    JsonObject once = state.copy();
    assertFalse(CustomerCarts.take(state, order, 1700000020000L), "taken once");
    assertEquals(once, state);
  }

  @Test
  void aLineOfTheVariantAddedAtAnotherTimeIsAnotherLine() {
    var state = new JsonObject().put("id", CART.toString()).put("n", "1").put("v", "3")
      .put("l:" + A, "2|1000|EUR|1700000005000");
    var order = new OrderedCart(CART, List.of(line(A, 2, 1700000001000L)));
    assertFalse(CustomerCarts.take(state, order, 1700000010000L));
    assertEquals("2|1000|EUR|1700000005000", state.getString("l:" + A));
  }

  @Test
  void aLineLoweredAfterTheOrderLeavesWhole() {
    var state = new JsonObject().put("id", CART.toString()).put("n", "1").put("v", "3")
      .put("l:" + A, "1|1000|EUR|1700000001000");
    var order = new OrderedCart(CART, List.of(line(A, 3, 1700000001000L)));
    assertTrue(CustomerCarts.take(state, order, 1700000010000L));
    assertNull(state.getString("l:" + A));
    assertEquals("0", state.getString("n"));
  }

  private static OrderedCartLine line(UUID variant, int quantity, long addedMillis) {
    return new OrderedCartLine(variant, quantity, Instant.ofEpochMilli(addedMillis));
  }
}
