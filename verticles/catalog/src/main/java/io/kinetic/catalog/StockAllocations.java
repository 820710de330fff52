package io.kinetic.catalog;

import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.catalog.AllocateStock;
import io.kinetic.kernel.contract.catalog.ReleaseStock;
import io.kinetic.kernel.contract.catalog.RestockReturn;
import io.kinetic.kernel.contract.catalog.ShipStock;
import io.kinetic.kernel.contract.catalog.StockAllocation;
import io.kinetic.kernel.contract.catalog.StockChanged;
import io.kinetic.kernel.contract.catalog.StockLine;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.error.FieldError;
import io.kinetic.kernel.id.Ids;
import io.kinetic.kernel.outbox.Outbox;
import io.kinetic.kernel.outbox.OutboxRelay;
import io.kinetic.kernel.pg.SqlStates;
import io.kinetic.kernel.pg.Transactions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Orders' stock: {@link AllocateStock} takes an order's units off the variants' stock on hand, all
 * or none, and {@link ReleaseStock} puts them back. PostgreSQL is the judge: the variants are locked
 * in id order (so two orders never deadlock), each must have the units, and stock on hand can never
 * go below 0 (its check constraint). The allocation rows (one per order and variant) make both
 * idempotent: the first of two concurrent requests for one order inserts them, the second waits for
 * it and then finds them. Every change emits {@code StockChanged} with the units left, in the same
 * transaction; the product's version is not raised (its content did not change). Every change also
 * takes the variant's next stock sequence ({@code variant.stock_seq}) under its row lock; an
 * allocation's usual case says it in its events and in its answer, so that the node's product cache
 * takes the new figure in place ({@link ProductCache#applyStock}) instead of reading the product again.
 */
final class StockAllocations {

  static final int MAX_LINES = 100;

  /** The order's allocation rows, unless it holds (or held) any: then its rows decide (HELD), never a mix. */
  private static final String CLAIM = """
    INSERT INTO stock_allocation (order_id, variant_id, quantity)
    SELECT $1, t.id, t.q FROM unnest($2::uuid[], $3::int[]) AS t(id, q)
    WHERE NOT EXISTS (SELECT 1 FROM stock_allocation a WHERE a.order_id = $1)
    ON CONFLICT DO NOTHING RETURNING variant_id
    """;
  private static final String HELD = "SELECT variant_id, quantity, released_at FROM stock_allocation WHERE order_id = $1 FOR UPDATE";
  private static final String RETAKE = "UPDATE stock_allocation SET released_at = NULL, allocated_at = now() WHERE order_id = $1";
  private static final String RELEASE = """
    UPDATE stock_allocation SET released_at = now() WHERE order_id = $1 AND released_at IS NULL
    RETURNING variant_id, quantity - shipped AS quantity
    """;
  /** Notes a shipment's or a return's units once per source; answers the lines noted now. */
  private static final String NOTE = """
    INSERT INTO stock_movement (source_id, variant_id, order_id, kind, quantity)
    SELECT $1, t.id, $2, $3, t.q FROM unnest($4::uuid[], $5::int[]) AS t(id, q)
    ON CONFLICT DO NOTHING RETURNING variant_id, quantity
    """;
  private static final String SHIP = """
    UPDATE stock_allocation a SET shipped = a.shipped + t.q
    FROM unnest($2::uuid[], $3::int[]) AS t(id, q)
    WHERE a.order_id = $1 AND a.variant_id = t.id AND a.released_at IS NULL AND a.shipped + t.q <= a.quantity
    """;
  /** Whether the order holds an allocation still (not released whole). */
  private static final String ALLOCATION_HELD = "SELECT 1 FROM stock_allocation WHERE order_id = $1 AND released_at IS NULL LIMIT 1";
  /** Units that will never ship leave the allocation (which must hold them unshipped). */
  private static final String SHRINK = """
    UPDATE stock_allocation a SET quantity = a.quantity - t.q
    FROM unnest($2::uuid[], $3::int[]) AS t(id, q)
    WHERE a.order_id = $1 AND a.variant_id = t.id AND a.released_at IS NULL AND a.shipped + t.q <= a.quantity
    """;
  private static final String LOCK = """
    SELECT v.id, v.sku, v.product_id, v.stock_on_hand, p.version
    FROM variant v JOIN product p ON p.id = v.product_id
    WHERE v.id = ANY($1) ORDER BY v.id FOR NO KEY UPDATE OF v
    """;
  /**
   * Moves the variants' stock on hand by the deltas and appends their {@code StockChanged} events
   * ($3 on, the n-th event for the n-th variant) with each variant's new stock sequence, in one
   * statement; answers each variant's id and stock sequence.
   */
  private static final String MOVE_AND_LOG = """
    WITH moved AS (
      UPDATE variant v SET stock_on_hand = least(v.stock_on_hand::bigint + t.delta, %d)::int, stock_seq = nextval('variant_stock_seq')
      FROM unnest($1::uuid[], $2::int[]) WITH ORDINALITY AS t(id, delta, n) WHERE v.id = t.id RETURNING v.id, v.stock_seq, t.n),
    logged AS (
      INSERT INTO outbox (%s)
      SELECT e.id, e.type, e.address, e.payload::jsonb || jsonb_build_object('stockSeq', m.stock_seq), e.correlation,
             e.aggregate, e.version, e.actor
      FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bigint[], $10::text[])
        WITH ORDINALITY AS e(id, type, address, payload, correlation, aggregate, version, actor, n)
      JOIN moved m ON m.n = e.n
      ORDER BY e.n)
    SELECT id, stock_seq FROM moved""".formatted(Integer.MAX_VALUE, Outbox.COLUMNS);

  /**
   * A new order's allocation in one statement (its own transaction), the usual case: unless a
   * variant is short at a look without locks (the rows {@code short}, unless the order holds its
   * allocation already: fail at once, so that when many checkouts race for the last units the ones
   * that cannot have them do not queue for the rows' locks), the variants are locked in id order, and when all exist and have the units the
   * allocation rows are inserted, the stock moved and each variant's {@code StockChanged} logged
   * (its product, SKU, units left and the product's version set by the statement into the payload
   * made here). The rows answered: the short variants, or the locked ones with whether it was
   * done. Nothing is written when it was not. An order that holds (or held) an allocation takes
   * the general path (which answers it, takes it again or refuses other lines), also when a
   * concurrent request for it committed meanwhile: the insert then fails on the allocation's key
   * (unique violation: the statement undoes itself).
   * $1 order, $2 variants, $3 units, $4 event ids, $5 payloads, $6 event type, $7 address,
   * $8 correlation, $9 actor, $10 the number of lines. The arrays are unnested from the row of
   * {@code input}, not from the parameters: the planner then guesses the same number of lines
   * for every call and keeps one generic plan; unnesting a parameter, each call's plan (which
   * knows the arrays' lengths) looks cheaper than the generic one, so every call was planned anew
   * (0.65 ms of PostgreSQL's time).
   */
  private static final String ALLOCATE = """
    WITH input AS MATERIALIZED (SELECT $2::uuid[] AS ids, $3::int[] AS qs, $4::uuid[] AS event_ids, $5::text[] AS payloads),
    held AS (SELECT EXISTS (SELECT 1 FROM stock_allocation a WHERE a.order_id = $1) AS h),
    short AS (
      SELECT v.id, v.sku, v.stock_on_hand, t.q AS wanted
      FROM input i CROSS JOIN unnest(i.ids, i.qs) AS t(id, q) JOIN variant v ON v.id = t.id
      WHERE v.stock_on_hand < t.q AND NOT (SELECT h FROM held)),
    locked AS (
      SELECT v.id, v.sku, v.product_id, v.stock_on_hand, p.version, t.q, t.n, t.event_id, t.payload
      FROM input i CROSS JOIN unnest(i.ids, i.qs, i.event_ids, i.payloads) WITH ORDINALITY AS t(id, q, event_id, payload, n)
      JOIN variant v ON v.id = t.id JOIN product p ON p.id = v.product_id
      WHERE NOT EXISTS (SELECT 1 FROM short) AND NOT (SELECT h FROM held)
      ORDER BY v.id FOR NO KEY UPDATE OF v),
    ok AS (SELECT count(*) = $10 AND coalesce(bool_and(stock_on_hand >= q), false) AS fine FROM locked),
    claim AS (
      INSERT INTO stock_allocation (order_id, variant_id, quantity)
      SELECT $1, id, q FROM locked WHERE (SELECT fine FROM ok)),
    moved AS (
      UPDATE variant v SET stock_on_hand = v.stock_on_hand - l.q, stock_seq = nextval('variant_stock_seq') FROM locked l
      WHERE v.id = l.id AND (SELECT fine FROM ok) RETURNING v.id, v.stock_on_hand, v.stock_seq),
    logged AS (
      INSERT INTO outbox (%s)
      SELECT l.event_id, $6, $7, l.payload::jsonb || jsonb_build_object('productId', l.product_id, 'sku', l.sku,
               'onHand', m.stock_on_hand, 'version', l.version, 'stockSeq', m.stock_seq),
             $8, l.product_id::text, l.version, $9
      FROM moved m JOIN locked l ON l.id = m.id ORDER BY l.n)
    SELECT 'short' AS kind, s.id, s.sku, NULL::uuid AS product_id, s.stock_on_hand, s.wanted, false AS fine,
           NULL::int AS on_hand, NULL::bigint AS stock_seq, NULL::bigint AS version FROM short s
    UNION ALL
    SELECT 'locked', l.id, l.sku, l.product_id, l.stock_on_hand, l.q, (SELECT fine FROM ok), m.stock_on_hand, m.stock_seq, l.version
    FROM locked l LEFT JOIN moved m ON m.id = l.id""".formatted(Outbox.COLUMNS);

  private final Pool pool;
  private final CatalogState state;
  private final Vertx vertx;

  StockAllocations(Pool pool, CatalogState state, Vertx vertx) {
    this.pool = pool;
    this.state = state;
    this.vertx = vertx;
  }

  Future<StockAllocation> allocate(AllocateStock command, Caller caller) {
    List<StockLine> lines = command.lines();
    var errors = new ArrayList<FieldError>();
    if (command.orderId() == null) {
      errors.add(new FieldError("orderId", "is required"));
    }
    if (lines == null || lines.isEmpty() || lines.size() > MAX_LINES) {
      errors.add(new FieldError("lines", "must hold 1 to " + MAX_LINES + " lines"));
    } else {
      var seen = new HashSet<UUID>();
      for (int i = 0; i < lines.size(); i++) {
        StockLine line = lines.get(i);
        if (line == null || line.variantId() == null || !seen.add(line.variantId())) {
          errors.add(new FieldError("lines[" + i + "].variantId", "is required, each variant once"));
        } else if (line.quantity() < 1) {
          errors.add(new FieldError("lines[" + i + "].quantity", "must be 1 or more"));
        }
      }
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(Failure.invalid(errors));
    }
    return retried(() -> allocateOnce(command, caller), 5);
  }

  private Future<StockAllocation> allocateOnce(AllocateStock command, Caller caller) {
    List<StockLine> lines = command.lines();
    // the usual case in one statement (ALLOCATE); anything else (a variant gone or short once
    // locked, an order that holds an allocation already) in the transaction of allocateLocked
    Instant now = Instant.now();
    var eventIds = new UUID[lines.size()];
    var payloads = new String[lines.size()];
    String type = null;
    for (int i = 0; i < lines.size(); i++) {
      // the statement sets the product, SKU, units left and version
      var event = new StockChanged(Ids.newId(), now, new UUID(0, 0), lines.get(i).variantId(), "", 0, 0, null);
      eventIds[i] = event.eventId();
      payloads[i] = io.kinetic.kernel.json.Json.string(event);
      type = io.kinetic.kernel.outbox.EventTypes.name(event);
    }
    Tuple params = Tuple.tuple().addValue(command.orderId())
      .addValue(lines.stream().map(StockLine::variantId).toArray(UUID[]::new))
      .addValue(lines.stream().map(StockLine::quantity).toArray(Integer[]::new))
      .addValue(eventIds).addValue(payloads).addValue(type).addValue(io.kinetic.kernel.outbox.EventTypes.address(type))
      .addValue(caller.correlationId()).addValue(caller.actor()).addValue(lines.size());
    return pool.preparedQuery(ALLOCATE).execute(params).compose(rows -> {
      var short_ = new ArrayList<Row>();
      var moved = new ArrayList<Moved>();
      boolean fine = false;
      for (Row row : rows) {
        if ("short".equals(row.getString("kind"))) {
          short_.add(row);
        } else {
          fine = row.getBoolean("fine");
          if (row.getValue("stock_seq") != null) {
            moved.add(new Moved(row.getUUID("product_id"), row.getUUID("id"), row.getInteger("on_hand"), row.getLong("stock_seq"),
              row.getLong("version")));
          }
        }
      }
      if (!short_.isEmpty()) {
        return Future.failedFuture(outOfStock(short_));
      }
      if (fine) {
        committed(moved);
        return Future.succeededFuture(new StockAllocation(command.orderId(), List.copyOf(lines)));
      }
      return allocateLocked(command, caller, new ArrayList<>());
    }, failure -> SqlStates.is(failure, SqlStates.UNIQUE_VIOLATION) && "stock_allocation_pkey".equals(SqlStates.constraint(failure))
      ? allocateLocked(command, caller, new ArrayList<>()) : Future.failedFuture(failure));
  }

  private static Failure outOfStock(Iterable<Row> rows) {
    var errors = new ArrayList<FieldError>();
    int first = -1;
    for (Row r : rows) {
      if (first < 0) {
        first = r.getInteger("stock_on_hand");
      }
      errors.add(new FieldError(r.getUUID("id").toString(), r.getInteger("stock_on_hand") + " available of " + r.getString("sku")
        + ", " + r.getInteger("wanted") + " wanted"));
    }
    return errors.size() == 1 ? Failure.withAvailable(ErrorCode.OUT_OF_STOCK, errors.get(0).message(), Math.max(0, first))
      : Failure.of(ErrorCode.OUT_OF_STOCK, errors.size() + " variants of the order are short of stock", errors);
  }

  private Future<StockAllocation> allocateLocked(AllocateStock command, Caller caller, List<Moved> changed) {
    List<StockLine> lines = command.lines();
    // the variants' locks and the claim are sent together (one round trip): a new order needs both,
    // and a repeated one only held its variants' locks a moment longer; the variants first, as
    // ALLOCATE takes them (the same order of locks: no deadlock between the two)
    return Transactions.run(pool, tx -> {
      changed.clear(); // only the figures of the attempt that commits reach the cache (a sequence rolled back is never taken)
      Future<Map<UUID, Locked>> locks = lock(tx, lines);
      Future<io.vertx.sqlclient.RowSet<Row>> claim = tx.preparedQuery(CLAIM)
        .execute(Tuple.of(command.orderId(), lines.stream().map(StockLine::variantId).toArray(UUID[]::new),
          lines.stream().map(StockLine::quantity).toArray(Integer[]::new)));
      return Future.all(claim, locks).compose(both -> claim.result().rowCount() == lines.size()
          ? take(tx, lines, locks.result(), caller, changed)
          : tx.preparedQuery(HELD).execute(Tuple.of(command.orderId())).compose(rows -> {
            var held = new ArrayList<StockLine>();
            boolean released = false;
            for (Row row : rows) {
              held.add(new StockLine(row.getUUID("variant_id"), row.getInteger("quantity")));
              released |= row.getValue("released_at") != null;
            }
            if (claim.result().rowCount() > 0 || !new java.util.HashSet<>(held).equals(new java.util.HashSet<>(lines))) {
              // the order holds (or held) an allocation of other lines: never take or answer a mix
              return Future.failedFuture(ErrorCode.VERSION_CONFLICT.failure(
                "this order's stock was allocated for other lines; place the order again with a new key"));
            }
            if (!released) {
              return Future.succeededFuture(held);
            }
            // a payment that arrived after the order's stock was released: take the units again
            return lock(tx, held).compose(locked -> take(tx, held, locked, caller, changed))
              .compose(taken -> tx.preparedQuery(RETAKE).execute(Tuple.of(command.orderId())).map(taken));
          }));
    })
      .map(held -> {
        committed(changed);
        return new StockAllocation(command.orderId(), List.copyOf(held));
      });
  }

  Future<StockAllocation> release(ReleaseStock command, Caller caller) {
    if (command.orderId() == null) {
      return Future.failedFuture(Failure.invalid("orderId", "is required"));
    }
    return retried(() -> releaseOnce(command, caller), 5);
  }

  private Future<StockAllocation> releaseOnce(ReleaseStock command, Caller caller) {
    var changed = new ArrayList<Moved>();
    return pool.withTransaction(tx -> tx.preparedQuery(RELEASE).execute(Tuple.of(command.orderId())).compose(rows -> {
        var freed = new ArrayList<StockLine>();
        for (Row row : rows) {
          if (row.getInteger("quantity") > 0) { // units shipped stay shipped
            freed.add(new StockLine(row.getUUID("variant_id"), row.getInteger("quantity")));
          }
        }
        if (freed.isEmpty()) {
          return Future.succeededFuture(freed);
        }
        return lock(tx, freed).compose(locked -> move(tx, freed, locked, +1, caller, changed)).map(freed);
      }))
      .map(freed -> {
        committed(changed);
        return new StockAllocation(command.orderId(), List.copyOf(freed));
      });
  }

  /** A shipment of an order's units: they stay off stock on hand and are no longer released. */
  Future<StockAllocation> ship(ShipStock command, Caller caller) {
    Failure invalid = invalid(command.orderId(), command.shipmentId(), command.lines());
    if (invalid != null) {
      return Future.failedFuture(invalid);
    }
    UUID[] ids = command.lines().stream().map(StockLine::variantId).toArray(UUID[]::new);
    Integer[] quantities = command.lines().stream().map(StockLine::quantity).toArray(Integer[]::new);
    return pool.withTransaction(tx -> tx.preparedQuery(NOTE)
        .execute(Tuple.tuple().addValue(command.shipmentId()).addValue(command.orderId()).addValue("shipped")
          .addValue(ids).addValue(quantities))
        .compose(noted -> {
          var lines = stockLines(noted);
          if (lines.isEmpty()) {
            return Future.succeededFuture(lines); // this shipment was noted before
          }
          return tx.preparedQuery(SHIP).execute(Tuple.tuple().addValue(command.orderId())
              .addValue(lines.stream().map(StockLine::variantId).toArray(UUID[]::new))
              .addValue(lines.stream().map(StockLine::quantity).toArray(Integer[]::new)))
            .compose(updated -> updated.rowCount() == lines.size() ? Future.succeededFuture(lines)
              : Future.failedFuture(ErrorCode.QUANTITY_EXCEEDS_REMAINING.failure(
                "the order's allocation does not hold that many unshipped units")));
        }))
      .map(lines -> new StockAllocation(command.orderId(), List.copyOf(lines)));
  }

  /**
   * Units of an order that will never ship (a refund of units not shipped) back on sale, once per
   * source; a variant deleted since is skipped.
   */
  Future<StockAllocation> releaseUnits(io.kinetic.kernel.contract.catalog.ReleaseUnits command, Caller caller) {
    Failure invalid = invalid(command.orderId(), command.sourceId(), command.lines());
    if (invalid != null) {
      return Future.failedFuture(invalid);
    }
    var changed = new ArrayList<Moved>();
    return retried(() -> pool.withTransaction(tx -> {
        changed.clear(); // only the attempt that commits counts
        // no allocation held (released whole already, as a cancellation's, or none was made, as for a
        // generated order history): nothing to give back, and nothing to retry
        return tx.preparedQuery(ALLOCATION_HELD).execute(Tuple.of(command.orderId())).compose(held -> held.size() == 0
          ? Future.succeededFuture(List.<StockLine>of())
          : tx.preparedQuery(NOTE)
          .execute(Tuple.tuple().addValue(command.sourceId()).addValue(command.orderId()).addValue("released")
            .addValue(command.lines().stream().map(StockLine::variantId).toArray(UUID[]::new))
            .addValue(command.lines().stream().map(StockLine::quantity).toArray(Integer[]::new)))
          .compose(noted -> {
            var lines = stockLines(noted);
            if (lines.isEmpty()) {
              return Future.succeededFuture(lines); // released before
            }
            return tx.preparedQuery(SHRINK).execute(Tuple.tuple().addValue(command.orderId())
                .addValue(lines.stream().map(StockLine::variantId).toArray(UUID[]::new))
                .addValue(lines.stream().map(StockLine::quantity).toArray(Integer[]::new)))
              .compose(updated -> updated.rowCount() == lines.size() ? lock(tx, lines)
                .compose(locked -> move(tx, lines, locked, +1, caller, changed)).map(lines)
                : Future.failedFuture(ErrorCode.QUANTITY_EXCEEDS_REMAINING.failure(
                  "the order's allocation does not hold that many unshipped units")));
          }));
      }), 5)
      .map(lines -> {
        committed(changed);
        return new StockAllocation(command.orderId(), List.copyOf(lines));
      });
  }

  /** Returned units back on sale (once per return); a variant deleted since is skipped. */
  Future<StockAllocation> restock(RestockReturn command, Caller caller) {
    Failure invalid = invalid(command.orderId(), command.returnId(), command.lines());
    if (invalid != null) {
      return Future.failedFuture(invalid);
    }
    var changed = new ArrayList<Moved>();
    return retried(() -> pool.withTransaction(tx -> {
        changed.clear(); // only the attempt that commits counts
        return tx.preparedQuery(NOTE)
        .execute(Tuple.tuple().addValue(command.returnId()).addValue(command.orderId()).addValue("restocked")
          .addValue(command.lines().stream().map(StockLine::variantId).toArray(UUID[]::new))
          .addValue(command.lines().stream().map(StockLine::quantity).toArray(Integer[]::new)))
        .compose(noted -> {
          var lines = stockLines(noted);
          return lines.isEmpty() ? Future.succeededFuture(lines)
            : lock(tx, lines).compose(locked -> move(tx, lines, locked, +1, caller, changed)).map(lines);
        });
      }), 5)
      .map(lines -> {
        committed(changed);
        return new StockAllocation(command.orderId(), List.copyOf(lines));
      });
  }

  private static List<StockLine> stockLines(Iterable<Row> rows) {
    var lines = new ArrayList<StockLine>();
    for (Row row : rows) {
      lines.add(new StockLine(row.getUUID("variant_id"), row.getInteger("quantity")));
    }
    return lines;
  }

  private static Failure invalid(UUID orderId, UUID sourceId, List<StockLine> lines) {
    var errors = new ArrayList<FieldError>();
    if (orderId == null || sourceId == null) {
      errors.add(new FieldError("orderId", "the order and the shipment or return are required"));
    }
    if (lines == null || lines.isEmpty() || lines.size() > MAX_LINES) {
      errors.add(new FieldError("lines", "must hold 1 to " + MAX_LINES + " lines"));
    } else {
      var seen = new HashSet<UUID>();
      for (int i = 0; i < lines.size(); i++) {
        StockLine line = lines.get(i);
        if (line == null || line.variantId() == null || !seen.add(line.variantId()) || line.quantity() < 1) {
          errors.add(new FieldError("lines[" + i + "]", "a variant (each once) and 1 or more units"));
        }
      }
    }
    return errors.isEmpty() ? null : Failure.invalid(errors);
  }

  /**
   * Runs {@code attempt} again when PostgreSQL broke a deadlock by aborting it: the variants are
   * locked in id order here, but other writers of the same rows (the reserved totals, staff's stock
   * changes) may lock them in another order; a product's creation and another product's update may
   * wait for each other's slug and SKU (a SKU claim's lock, an updated slug's index entry). The
   * aborted transaction changed nothing.
   */
  static <T> Future<T> retried(java.util.function.Supplier<Future<T>> attempt, int attempts) {
    return attempt.get().recover(t -> attempts > 1 && (SqlStates.is(t, SqlStates.DEADLOCK_DETECTED)
      || SqlStates.is(t, SqlStates.SERIALIZATION_FAILURE)) ? retried(attempt, attempts - 1) : Future.failedFuture(t));
  }

  /** Takes {@code lines} off stock on hand, or fails OUT_OF_STOCK naming every short variant. */
  private Future<List<StockLine>> take(SqlConnection tx, List<StockLine> lines, Map<UUID, Locked> locked, Caller caller,
                                       List<Moved> changed) {
    var missing = new ArrayList<FieldError>();
    var short_ = new ArrayList<FieldError>();
    int firstAvailable = 0;
    for (StockLine line : lines) {
      Locked variant = locked.get(line.variantId());
      if (variant == null) {
        missing.add(new FieldError(line.variantId().toString(), "no such variant"));
      } else if (variant.onHand() < line.quantity()) {
        if (short_.isEmpty()) {
          firstAvailable = variant.onHand();
        }
        short_.add(new FieldError(line.variantId().toString(),
          variant.onHand() + " available of " + variant.sku() + ", " + line.quantity() + " wanted"));
      }
    }
    if (!missing.isEmpty()) {
      return Future.failedFuture(Failure.of(ErrorCode.VARIANT_NOT_FOUND, "a variant of the order no longer exists", missing));
    }
    if (!short_.isEmpty()) {
      String detail = short_.size() == 1 ? short_.get(0).message() : short_.size() + " variants of the order are short of stock";
      return Future.failedFuture(short_.size() == 1
        ? Failure.withAvailable(ErrorCode.OUT_OF_STOCK, detail, firstAvailable)
        : Failure.of(ErrorCode.OUT_OF_STOCK, detail, short_));
    }
    return move(tx, lines, locked, -1, caller, changed).map(lines);
  }

  private static Future<Map<UUID, Locked>> lock(SqlConnection tx, List<StockLine> lines) {
    return tx.preparedQuery(LOCK).execute(Tuple.of(lines.stream().map(StockLine::variantId).toArray(UUID[]::new)))
      .map(rows -> {
        var locked = new HashMap<UUID, Locked>();
        for (Row row : rows) {
          locked.put(row.getUUID("id"), new Locked(row.getUUID("id"), row.getString("sku"), row.getUUID("product_id"),
            row.getInteger("stock_on_hand"), row.getLong("version")));
        }
        return locked;
      });
  }

  /** Moves stock on hand by {@code sign} × each line's units and logs each variant's new figure. */
  private static Future<Void> move(SqlConnection tx, List<StockLine> lines, Map<UUID, Locked> locked, int sign, Caller caller,
                                   List<Moved> changed) {
    var present = lines.stream().filter(l -> locked.containsKey(l.variantId())).toList();
    if (present.isEmpty()) {
      return Future.succeededFuture();
    }
    // the locked figures give the new ones: the change and its events are one statement
    var events = new ArrayList<StockChanged>();
    Instant now = Instant.now();
    for (StockLine line : present) {
      Locked variant = locked.get(line.variantId());
      int after = onHandAfter(variant.onHand(), sign * line.quantity());
      // the statement adds each variant's new stock sequence
      events.add(new StockChanged(Ids.newId(), now, variant.productId(), variant.id(), variant.sku(), after, variant.version(), null));
    }
    return tx.preparedQuery(MOVE_AND_LOG)
      .execute(Outbox.arrays(Tuple.tuple().addValue(present.stream().map(StockLine::variantId).toArray(UUID[]::new))
        .addValue(present.stream().map(l -> sign * l.quantity()).toArray(Integer[]::new)), events, caller))
      .map(rows -> {
        var seqs = new HashMap<UUID, Long>();
        rows.forEach(row -> seqs.put(row.getUUID("id"), row.getLong("stock_seq")));
        for (StockChanged e : events) {
          changed.add(new Moved(e.productId(), e.variantId(), e.onHand(), seqs.get(e.variantId()), e.version()));
        }
        return null;
      });
  }

  private void committed(List<Moved> changed) {
    if (changed.isEmpty()) {
      return;
    }
    // in place when the change says its stock sequence (an allocation's usual case), else dropped
    changed.forEach(m -> state.cache().applyStock(m.productId(), m.version(), m.variantId(), m.onHand(), m.stockSeq()));
    OutboxRelay.poke(vertx, CatalogModule.SCHEMA);
  }

  private record Locked(UUID id, String sku, UUID productId, int onHand, long version) {
  }

  /**
   * Stock on hand after a move of {@code delta} units, as {@link #MOVE_AND_LOG} computes it: units
   * coming back (a cancelled order's release, a return restocked) stop at the column's (and the
   * API's) maximum, 2,147,483,647, instead of failing the cancel or the return on an integer
   * overflow when staff set the stock to that maximum meanwhile.
   */
  static int onHandAfter(int onHand, int delta) {
    return (int) Math.min(Integer.MAX_VALUE, (long) onHand + delta);
  }

  /** A variant's stock on hand as a change committed it; {@code stockSeq} null when not known here. */
  private record Moved(UUID productId, UUID variantId, int onHand, Long stockSeq, long version) {
  }
}
