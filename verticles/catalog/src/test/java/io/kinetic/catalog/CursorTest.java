package io.kinetic.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kinetic.kernel.contract.catalog.ProductSort;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class CursorTest {

  private static final String SECRET = "cursor-test-secret-cursor-test-secret-0123";
  private final CursorCodec codec = CursorCodec.fromSecret(SECRET);

  @Test
  void roundTripsEverySortKey() {
    UUID id = UUID.randomUUID();
    var newest = new Cursor(ProductSort.NEWEST, null, "2026-11-21T10:00:00.123456Z", id);
    assertEquals(newest, codec.decode(codec.encode(newest), ProductSort.NEWEST, "EUR"));
    assertEquals(OffsetDateTime.parse("2026-11-21T10:00:00.123456Z"), newest.keyParam());
    var name = new Cursor(ProductSort.NAME, null, "linen\nshirt | 42", id);
    assertEquals(name, codec.decode(codec.encode(name), ProductSort.NAME, "EUR"));
    var price = new Cursor(ProductSort.PRICE_DESC, "USD", "1999", id);
    assertEquals(1999L, codec.decode(codec.encode(price), ProductSort.PRICE_DESC, "USD").keyParam());
  }

  @Test
  void everyNodeWithTheSameSecretAcceptsTheCursorsOfTheOthers() {
    var cursor = new Cursor(ProductSort.NAME, null, "scarf", UUID.randomUUID());
    String text = codec.encode(cursor);
    assertEquals(cursor, CursorCodec.fromSecret(SECRET).decode(text, ProductSort.NAME, "EUR"));
    assertInvalid(() -> CursorCodec.fromSecret(SECRET + "x").decode(text, ProductSort.NAME, "EUR"));
  }

  @Test
  void rejectsForeignAndDamagedCursors() {
    String price = codec.encode(new Cursor(ProductSort.PRICE_ASC, "EUR", "100", UUID.randomUUID()));
    assertInvalid(() -> codec.decode(price, ProductSort.PRICE_ASC, "USD"));
    assertInvalid(() -> codec.decode(price, ProductSort.NEWEST, "EUR"));
    assertInvalid(() -> codec.decode(price.substring(0, price.length() - 2), ProductSort.PRICE_ASC, "EUR"));
    assertInvalid(() -> codec.decode("%%%", ProductSort.NAME, "EUR"));
    assertInvalid(() -> codec.decode("x".repeat(CursorCodec.MAX_TEXT + 1), ProductSort.NAME, "EUR"));
    String badKey = codec.encode(new Cursor(ProductSort.NEWEST, null, "yesterday", UUID.randomUUID()));
    assertInvalid(() -> codec.decode(badKey, ProductSort.NEWEST, "EUR"));
  }

  /** The cursor an attacker could make before: unkeyed CRC32, a timestamp PostgreSQL cannot take. */
  @Test
  void aCursorWithAnUnkeyedChecksumIsRefused() {
    String payload = "NEWEST\n\n" + UUID.randomUUID() + "\n+294277-01-01T00:00:00Z";
    var crc = new CRC32();
    crc.update(payload.getBytes(StandardCharsets.UTF_8));
    String forged = Base64.getUrlEncoder().withoutPadding()
      .encodeToString((Long.toHexString(crc.getValue()) + "\n" + payload).getBytes(StandardCharsets.UTF_8));
    assertInvalid(() -> codec.decode(forged, ProductSort.NEWEST, "EUR"));
  }

  /** Even a correctly signed cursor must decode to a key a product row can have. */
  @Test
  void signedKeysOutOfRangeAreRefused() {
    UUID id = UUID.randomUUID();
    assertInvalid(() -> codec.decode(codec.encode(new Cursor(ProductSort.NEWEST, null, "+294277-01-01T00:00:00Z", id)),
      ProductSort.NEWEST, "EUR"));
    assertInvalid(() -> codec.decode(codec.encode(new Cursor(ProductSort.NEWEST, null, "1969-12-31T23:59:59Z", id)),
      ProductSort.NEWEST, "EUR"));
    assertInvalid(() -> codec.decode(codec.encode(new Cursor(ProductSort.PRICE_ASC, "EUR", "-1", id)),
      ProductSort.PRICE_ASC, "EUR"));
    assertInvalid(() -> codec.decode(codec.encode(new Cursor(ProductSort.PRICE_ASC, "EUR", "1000000000000", id)),
      ProductSort.PRICE_ASC, "EUR"));
    assertInvalid(() -> codec.decode(codec.encode(new Cursor(ProductSort.NAME, null, "n".repeat(201), id)),
      ProductSort.NAME, "EUR"));
    assertInvalid(() -> codec.decode(codec.encode(new Cursor(ProductSort.NAME, "EUR", "n", id)),
      ProductSort.NAME, "EUR"));
  }

  private static void assertInvalid(org.junit.jupiter.api.function.Executable decode) {
    assertEquals(ErrorCode.INVALID_CURSOR, assertThrows(Failure.class, decode).errorCode());
  }
}
