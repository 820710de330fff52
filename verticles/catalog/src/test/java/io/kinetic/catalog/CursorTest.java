package io.kinetic.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kinetic.kernel.contract.catalog.ProductSort;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorTest {

  @Test
  void roundTripsEverySortKey() {
    UUID id = UUID.randomUUID();
    var newest = new Cursor(ProductSort.NEWEST, null, "2026-11-21T10:00:00.123456Z", id);
    assertEquals(newest, Cursor.decode(newest.encode(), ProductSort.NEWEST, "EUR"));
    assertEquals(OffsetDateTime.parse("2026-11-21T10:00:00.123456Z"), newest.keyParam());
    var name = new Cursor(ProductSort.NAME, null, "linen\nshirt | 42", id);
    assertEquals(name, Cursor.decode(name.encode(), ProductSort.NAME, "EUR"));
    var price = new Cursor(ProductSort.PRICE_DESC, "USD", "1999", id);
    assertEquals(1999L, Cursor.decode(price.encode(), ProductSort.PRICE_DESC, "USD").keyParam());
  }

  @Test
  void rejectsForeignAndDamagedCursors() {
    String price = new Cursor(ProductSort.PRICE_ASC, "EUR", "100", UUID.randomUUID()).encode();
    assertInvalid(() -> Cursor.decode(price, ProductSort.PRICE_ASC, "USD"));
    assertInvalid(() -> Cursor.decode(price, ProductSort.NEWEST, "EUR"));
    assertInvalid(() -> Cursor.decode(price.substring(0, price.length() - 2), ProductSort.PRICE_ASC, "EUR"));
    assertInvalid(() -> Cursor.decode("%%%", ProductSort.NAME, "EUR"));
    String badKey = new Cursor(ProductSort.NEWEST, null, "yesterday", UUID.randomUUID()).encode();
    assertInvalid(() -> Cursor.decode(badKey, ProductSort.NEWEST, "EUR"));
  }

  private static void assertInvalid(org.junit.jupiter.api.function.Executable decode) {
    assertEquals(ErrorCode.INVALID_CURSOR, assertThrows(Failure.class, decode).errorCode());
  }
}
