package io.kinetic.catalog;

import io.kinetic.kernel.contract.catalog.ProductSort;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The position after the last item of a page: the sort, the sort key of that item and its id (the
 * tie-breaker), plus the currency for price sorts. Clients see it only as the opaque, signed text
 * {@link CursorCodec} makes of it.
 */
record Cursor(ProductSort sort, String currency, String key, UUID id) {

  /** The key as a query parameter of the type the sort column has; throws for a key of the wrong shape. */
  Object keyParam() {
    return switch (sort) {
      case NEWEST -> OffsetDateTime.ofInstant(Instant.parse(key), ZoneOffset.UTC);
      case PRICE_ASC, PRICE_DESC -> Long.parseLong(key);
      case NAME -> key;
    };
  }
}
