package io.kinetic.analytics;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;

/**
 * The best-selling products of a range of days, from product totals kept in memory per whole month,
 * week and day (the pieces {@link RangeSplit} cuts the range into), so that a year's top list adds
 * up arrays in memory instead of having PostgreSQL group and sort every product's rows again.
 *
 * <p><b>Always current, on every node.</b> A paid order moves its day's stamp in
 * {@code rollup_stamp} in the statement that adds its lines (a new value of a sequence, so stamps
 * only grow). Each request first reads the stamps of its range (one indexed read of at most one row
 * per day); a piece is used from memory only while the greatest stamp of its days is the one it was
 * loaded at, otherwise it is read again from the rollup tables (one statement per kind of piece).
 * Stamps are read before the rows, so a piece holds at least what its stamp says; a piece read with
 * newer rows than its stamp is only read again once more. A piece with no stamp had no paid order
 * and is not read at all.
 *
 * <p><b>Memory.</b> A piece is three arrays (product number, units, revenue: 20 bytes per product
 * sold in it); past {@link #MAX_ENTRIES} products in all, the least recently used pieces are
 * dropped. A year of a million orders over 10,000 products keeps about 2.5 million.
 *
 * <p>Runs on its verticle's event loop only (not thread-safe).
 */
final class TopProducts {

  /** At most this many (piece, product) totals are kept: about 60 MB. */
  static final long MAX_ENTRIES = 3_000_000;

  static final String STAMPS = "SELECT day, stamp FROM rollup_stamp WHERE currency = $1 AND day BETWEEN $2 AND $3";

  /** A kind of piece: its table, its date column, and its end. */
  enum Level {
    DAY("product_day", "day"), WEEK("product_week", "week"), MONTH("product_month", "month");

    final String load;

    Level(String table, String column) {
      this.load = "SELECT " + column + " AS start, product_id, units, revenue FROM " + table
        + " WHERE currency = $1 AND " + column + " = ANY($2)";
    }

    LocalDate end(LocalDate start) {
      return switch (this) {
        case DAY -> start.plusDays(1);
        case WEEK -> start.plusWeeks(1);
        case MONTH -> start.plusMonths(1);
      };
    }
  }

  /** A product's units and revenue over a range. */
  record Total(UUID id, long units, long revenue) {
  }

  private record Key(String currency, Level level, LocalDate start) {
  }

  private static final class Piece {
    final long stamp;
    final int[] products;
    final long[] units;
    final long[] revenue;
    long lastUsed;

    Piece(long stamp, int[] products, long[] units, long[] revenue) {
      this.stamp = stamp;
      this.products = products;
      this.units = units;
      this.revenue = revenue;
    }
  }

  private final Pool pool;
  private final long maxEntries;
  private final Map<UUID, Integer> numbers = new HashMap<>();
  private final List<UUID> ids = new ArrayList<>();
  private final Map<Key, Piece> pieces = new HashMap<>();
  private long entries;
  private long clock;
  private long reads;

  TopProducts(Pool pool) {
    this(pool, MAX_ENTRIES);
  }

  TopProducts(Pool pool, long maxEntries) {
    this.pool = pool;
    this.maxEntries = maxEntries;
  }

  /** How many pieces were read from the rollup tables so far (for tests). */
  long reads() {
    return reads;
  }

  /**
   * The {@code n} products with the highest revenue in [from, to] (ties by id in PostgreSQL's uuid
   * order), with their units and revenue.
   */
  Future<List<Total>> top(String currency, LocalDate from, LocalDate to, int n) {
    long now = ++clock;
    List<Key> wanted = pieces(currency, RangeSplit.of(from, to), from, to);
    return pool.preparedQuery(STAMPS).execute(Tuple.of(currency, from, to)).compose(rows -> {
      var stamps = new HashMap<LocalDate, Long>();
      rows.forEach(r -> stamps.put(r.getLocalDate("day"), r.getLong("stamp")));
      var use = new ArrayList<Piece>();
      var missing = new HashMap<Level, Map<LocalDate, Long>>();
      for (Key key : wanted) {
        long stamp = 0;
        for (LocalDate d = key.start(); d.isBefore(key.level().end(key.start())); d = d.plusDays(1)) {
          stamp = Math.max(stamp, stamps.getOrDefault(d, 0L));
        }
        if (stamp == 0) {
          continue;
        }
        Piece kept = pieces.get(key);
        if (kept != null && kept.stamp == stamp) {
          kept.lastUsed = now;
          use.add(kept);
        } else {
          missing.computeIfAbsent(key.level(), l -> new HashMap<>()).put(key.start(), stamp);
        }
      }
      var loads = new ArrayList<Future<List<Piece>>>();
      missing.forEach((level, starts) -> loads.add(load(currency, level, starts, now)));
      return Future.all(loads).map(all -> {
        for (Future<List<Piece>> f : loads) {
          use.addAll(f.result());
        }
        List<Total> top = rank(use, n);
        evict();
        return top;
      });
    });
  }

  /** The whole months, whole weeks and single days of the range, as {@link RangeSplit} cuts it. */
  private static List<Key> pieces(String currency, RangeSplit split, LocalDate from, LocalDate to) {
    var keys = new ArrayList<Key>();
    for (LocalDate m = split.monthsFrom(); m.isBefore(split.monthsTo()); m = m.plusMonths(1)) {
      keys.add(new Key(currency, Level.MONTH, m));
    }
    for (LocalDate w = split.weeksBeforeFrom(); w.isBefore(split.weeksBeforeTo()); w = w.plusWeeks(1)) {
      keys.add(new Key(currency, Level.WEEK, w));
    }
    for (LocalDate w = split.weeksAfterFrom(); w.isBefore(split.weeksAfterTo()); w = w.plusWeeks(1)) {
      keys.add(new Key(currency, Level.WEEK, w));
    }
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      if (split.readsDay(d)) {
        keys.add(new Key(currency, Level.DAY, d));
      }
    }
    return keys;
  }

  private Future<List<Piece>> load(String currency, Level level, Map<LocalDate, Long> starts, long now) {
    LocalDate[] dates = starts.keySet().toArray(LocalDate[]::new);
    return pool.preparedQuery(level.load).execute(Tuple.tuple().addValue(currency).addValue(dates)).map(rows -> {
      var byStart = new HashMap<LocalDate, List<Row>>();
      rows.forEach(r -> byStart.computeIfAbsent(r.getLocalDate("start"), s -> new ArrayList<>()).add(r));
      var loaded = new ArrayList<Piece>();
      starts.forEach((start, stamp) -> {
        List<Row> list = byStart.getOrDefault(start, List.of());
        var piece = new Piece(stamp, new int[list.size()], new long[list.size()], new long[list.size()]);
        for (int i = 0; i < list.size(); i++) {
          Row r = list.get(i);
          piece.products[i] = number(r.getUUID("product_id"));
          piece.units[i] = r.getLong("units");
          piece.revenue[i] = r.getLong("revenue");
        }
        piece.lastUsed = now;
        Piece old = pieces.put(new Key(currency, level, start), piece);
        entries += list.size() - (old == null ? 0 : old.products.length);
        reads++;
        loaded.add(piece);
      });
      return loaded;
    });
  }

  private int number(UUID id) {
    Integer n = numbers.get(id);
    if (n == null) {
      n = ids.size();
      numbers.put(id, n);
      ids.add(id);
    }
    return n;
  }

  private List<Total> rank(List<Piece> use, int n) {
    int size = ids.size();
    long[] units = new long[size];
    long[] revenue = new long[size];
    boolean[] sold = new boolean[size];
    for (Piece p : use) {
      for (int i = 0; i < p.products.length; i++) {
        int k = p.products[i];
        units[k] += p.units[i];
        revenue[k] += p.revenue[i];
        sold[k] = true;
      }
    }
    Comparator<Integer> order = (a, b) -> revenue[a] != revenue[b] ? Long.compare(revenue[b], revenue[a]) : uuidOrder(ids.get(a), ids.get(b));
    var worstFirst = new PriorityQueue<Integer>(n + 1, order.reversed());
    for (int k = 0; k < size; k++) {
      if (sold[k]) {
        worstFirst.add(k);
        if (worstFirst.size() > n) {
          worstFirst.poll();
        }
      }
    }
    var top = new ArrayList<Integer>(worstFirst);
    top.sort(order);
    return top.stream().map(k -> new Total(ids.get(k), units[k], revenue[k])).toList();
  }

  /** PostgreSQL's order of uuids: their 16 bytes, unsigned, from the first. */
  static int uuidOrder(UUID a, UUID b) {
    int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }

  /** Drops the least recently used pieces while more than {@link #maxEntries} totals are kept. */
  private void evict() {
    if (entries <= maxEntries) {
      return;
    }
    var oldestFirst = new ArrayList<>(pieces.entrySet());
    oldestFirst.sort(Comparator.comparingLong(e -> e.getValue().lastUsed));
    for (Map.Entry<Key, Piece> e : oldestFirst) {
      if (entries <= maxEntries * 9 / 10) {
        break;
      }
      pieces.remove(e.getKey());
      entries -= e.getValue().products.length;
    }
  }
}
