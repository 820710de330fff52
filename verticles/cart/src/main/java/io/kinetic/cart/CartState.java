package io.kinetic.cart;

import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A cart as a script answered it: its Redis hash (kept as is, for PostgreSQL) and its lines with
 * their reservations. {@code customerId} null: a guest cart.
 */
record CartState(UUID id, UUID customerId, String currency, Instant updatedAt, long version, List<Line> lines,
                 Map<String, String> fields) {

  /**
   * A line: its quantity, the price the customer last saw ({@code seenAmount} null: none), when it was
   * added, and in Redis now: units reserved for this cart and until when (null: none), units other
   * carts reserve, on hand as Redis knew it (-1: unknown, as the scripts answer now: the catalog's
   * figure prices every line).
   */
  record Line(UUID variantId, int quantity, Long seenAmount, String seenCurrency, Instant addedAt, int reserved,
              int reservedByOthers, int onHand, Instant reservedUntil) {
  }

  static final String GUEST = "g";

  /** From {@code {status, hash, extras}} of a script (see lib.lua's snapshot). */
  static CartState of(Response reply) {
    Response hash = reply.get(1);
    var fields = new LinkedHashMap<String, String>();
    for (int i = 0; i + 1 < hash.size(); i += 2) {
      fields.put(hash.get(i).toString(), hash.get(i + 1).toString());
    }
    Response extras = reply.get(2);
    var reservations = new LinkedHashMap<String, String[]>();
    for (int i = 0; i + 4 < extras.size(); i += 5) {
      reservations.put(extras.get(i).toString(), new String[] {
        extras.get(i + 1).toString(), extras.get(i + 2).toString(), extras.get(i + 3).toString(), extras.get(i + 4).toString()});
    }
    return of(fields, reservations);
  }

  static CartState of(Map<String, String> fields, Map<String, String[]> reservations) {
    var lines = new ArrayList<Line>();
    fields.forEach((key, value) -> {
      if (key.startsWith("l:")) {
        String variant = key.substring(2);
        // "qty|seen amount|seen currency|added ms"
        int a = value.indexOf('|');
        int b = value.indexOf('|', a + 1);
        int c = value.indexOf('|', b + 1);
        String[] r = reservations.getOrDefault(variant, NO_RESERVATION);
        lines.add(new Line(UUID.fromString(variant), Integer.parseInt(value, 0, a, 10),
          b == a + 1 ? null : Long.parseLong(value, a + 1, b, 10), c == b + 1 ? null : value.substring(b + 1, c),
          Instant.ofEpochMilli(Long.parseLong(value, c + 1, value.length(), 10)), Integer.parseInt(r[0]), Integer.parseInt(r[1]),
          r[2].isEmpty() ? -1 : (int) number(r[2]), r[3].isEmpty() ? null : Instant.ofEpochMilli(number(r[3]))));
      }
    });
    lines.sort(Comparator.comparing(Line::addedAt).thenComparing(Line::variantId));
    String owner = fields.getOrDefault("o", GUEST);
    return new CartState(UUID.fromString(fields.get("id")), GUEST.equals(owner) ? null : UUID.fromString(owner),
      fields.get("cur"), Instant.ofEpochMilli(Long.parseLong(fields.getOrDefault("u", "0"))),
      Long.parseLong(fields.getOrDefault("v", "0")), List.copyOf(lines), Collections.unmodifiableMap(fields));
  }

  private static final String[] NO_RESERVATION = {"0", "0", "", ""};

  /** A figure Redis wrote: an integer nearly always (a sorted set's score may come as a double). */
  private static long number(String text) {
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if ((ch < '0' || ch > '9') && !(i == 0 && ch == '-' && text.length() > 1)) {
        return (long) Double.parseDouble(text);
      }
    }
    return text.length() > 18 ? (long) Double.parseDouble(text) : Long.parseLong(text);
  }

  List<UUID> variantIds() {
    return lines.stream().map(Line::variantId).toList();
  }

  JsonObject fieldsJson() {
    var json = new JsonObject();
    fields.forEach(json::put);
    return json;
  }
}
