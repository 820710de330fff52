package io.kinetic.cart;

import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.util.ArrayList;
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
   * carts reserve, on hand as last read (-1: unknown).
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
        String[] parts = value.split("\\|", -1);
        String[] r = reservations.getOrDefault(variant, new String[] {"0", "0", "", ""});
        lines.add(new Line(UUID.fromString(variant), Integer.parseInt(parts[0]),
          parts[1].isEmpty() ? null : Long.parseLong(parts[1]), parts[2].isEmpty() ? null : parts[2],
          Instant.ofEpochMilli(Long.parseLong(parts[3])), Integer.parseInt(r[0]), Integer.parseInt(r[1]),
          r[2].isEmpty() ? -1 : (int) Double.parseDouble(r[2]),
          r[3].isEmpty() ? null : Instant.ofEpochMilli((long) Double.parseDouble(r[3]))));
      }
    });
    lines.sort(Comparator.comparing(Line::addedAt).thenComparing(Line::variantId));
    String owner = fields.getOrDefault("o", GUEST);
    return new CartState(UUID.fromString(fields.get("id")), GUEST.equals(owner) ? null : UUID.fromString(owner),
      fields.get("cur"), Instant.ofEpochMilli(Long.parseLong(fields.getOrDefault("u", "0"))),
      Long.parseLong(fields.getOrDefault("v", "0")), List.copyOf(lines), Map.copyOf(fields));
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
