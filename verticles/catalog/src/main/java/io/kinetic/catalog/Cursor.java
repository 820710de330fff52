package io.kinetic.catalog;

import io.kinetic.kernel.contract.catalog.ProductSort;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * The opaque position after the last item of a page: the sort, the sort key of that item and its
 * id (the tie-breaker), plus the currency for price sorts. Encoded as base64url text with a
 * checksum, so a damaged, hand-edited or foreign cursor is rejected with INVALID_CURSOR instead of
 * silently starting elsewhere.
 */
record Cursor(ProductSort sort, String currency, String key, UUID id) {

  private static final char SEP = '\n';

  String encode() {
    String payload = sort.name() + SEP + (currency == null ? "" : currency) + SEP + id + SEP + key;
    String text = checksum(payload) + SEP + payload;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Decodes a cursor given back for {@code sort} (and {@code currency} for price sorts). */
  static Cursor decode(String text, ProductSort sort, String currency) {
    Cursor cursor;
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      if (FieldErrors.hasNul(decoded)) {
        throw invalid();
      }
      String[] parts = decoded.split(String.valueOf(SEP), 5);
      if (parts.length != 5 || !parts[0].equals(checksum(decoded.substring(parts[0].length() + 1)))) {
        throw invalid();
      }
      cursor = new Cursor(ProductSort.valueOf(parts[1]), parts[2].isEmpty() ? null : parts[2],
        parts[4], UUID.fromString(parts[3]));
      cursor.keyParam();
    } catch (IllegalArgumentException | DateTimeException e) {
      throw invalid();
    }
    boolean priceSort = sort == ProductSort.PRICE_ASC || sort == ProductSort.PRICE_DESC;
    if (cursor.sort != sort || (priceSort && !currency.equals(cursor.currency))) {
      throw invalid();
    }
    return cursor;
  }

  /** The key as a query parameter of the type the sort column has. */
  Object keyParam() {
    return switch (sort) {
      case NEWEST -> OffsetDateTime.ofInstant(Instant.parse(key), ZoneOffset.UTC);
      case PRICE_ASC, PRICE_DESC -> Long.parseLong(key);
      case NAME -> key;
    };
  }

  private static Failure invalid() {
    return ErrorCode.INVALID_CURSOR.failure("the cursor is not one this list gave out");
  }

  private static String checksum(String payload) {
    var crc = new CRC32();
    crc.update(payload.getBytes(StandardCharsets.UTF_8));
    return Long.toHexString(crc.getValue());
  }
}
