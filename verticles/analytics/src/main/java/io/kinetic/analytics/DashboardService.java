package io.kinetic.analytics;

import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.analytics.Dashboard;
import io.kinetic.kernel.contract.analytics.Funnel;
import io.kinetic.kernel.contract.analytics.GetDashboard;
import io.kinetic.kernel.contract.analytics.SalesFigures;
import io.kinetic.kernel.contract.analytics.SalesPeriod;
import io.kinetic.kernel.contract.analytics.TopSeller;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.CategoryView;
import io.kinetic.kernel.contract.catalog.ListCategories;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.error.FieldError;
import io.kinetic.kernel.money.Money;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * The sales dashboard: a handful of indexed reads of the rollups (periods, top categories, funnel,
 * and the stamps of {@link TopProducts}, whose totals are kept in memory) run side by side; never a
 * scan over orders. Category names come from the
 * catalog (one request for the top ones); a catalog that does not answer leaves them null.
 */
final class DashboardService {

  static final int TOP = 10;
  private static final List<String> GRANULARITIES = List.of("day", "week");

  private final Pool pool;
  private final BusClient bus;
  private final String defaultCurrency;
  private final List<String> currencies;
  private final LongSupplier pendingEvents;
  private final TopProducts topProducts;

  /**
   * {@code currencies}: the ones the shop sells ({@code cart.currencies}); the figures are answered in
   * those, and in another one only when sales in it were recorded (it was sold in before).
   */
  DashboardService(Pool pool, BusClient bus, String defaultCurrency, List<String> currencies, LongSupplier pendingEvents) {
    this.pool = pool;
    this.topProducts = new TopProducts(pool);
    this.bus = bus;
    this.defaultCurrency = defaultCurrency;
    this.currencies = List.copyOf(currencies);
    this.pendingEvents = pendingEvents;
  }

  Future<Dashboard> dashboard(GetDashboard q, Caller caller) {
    var errors = new ArrayList<FieldError>();
    if (q.from() == null) {
      errors.add(new FieldError("from", "is required (a date, e.g. 2026-11-01)"));
    }
    if (q.to() == null) {
      errors.add(new FieldError("to", "is required (a date, e.g. 2026-11-30)"));
    }
    if (q.from() != null && q.to() != null) {
      if (q.to().isBefore(q.from())) {
        errors.add(new FieldError("to", "must not be before from"));
      } else if (ChronoUnit.DAYS.between(q.from(), q.to()) + 1 > GetDashboard.MAX_DAYS) {
        errors.add(new FieldError("to", "the range is at most " + GetDashboard.MAX_DAYS + " days"));
      }
    }
    String granularity = q.granularity() == null ? "day" : q.granularity();
    if (!GRANULARITIES.contains(granularity)) {
      errors.add(new FieldError("granularity", "must be day or week"));
    }
    String currency = q.currency() == null ? defaultCurrency : q.currency();
    if (!Money.isCurrency(currency)) {
      errors.add(new FieldError("currency", "must be an ISO 4217 code, e.g. EUR"));
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(Failure.invalid(errors));
    }
    if (currencies.contains(currency)) {
      return figures(q, currency, granularity, caller);
    }
    // not sold (any more): only figures recorded in it, never a dashboard of zeros for a typo
    return pool.preparedQuery(DashboardSql.SOLD_IN).execute(Tuple.of(currency)).compose(rows -> rows.iterator().next().getBoolean("sold")
      ? figures(q, currency, granularity, caller)
      : Future.failedFuture(Failure.invalid("currency", "must be a currency the shop sells (" + String.join(", ", currencies)
        + "; cart.currencies) or has sold in, not " + currency)));
  }

  private Future<Dashboard> figures(GetDashboard q, String currency, String granularity, Caller caller) {
    LocalDate from = q.from();
    LocalDate to = q.to();
    RangeSplit split = RangeSplit.of(from, to);
    Tuple top = Tuple.tuple().addValue(currency).addValue(from).addValue(to).addValue(split.monthsFrom()).addValue(split.monthsTo())
      .addValue(split.weeksBeforeFrom()).addValue(split.weeksBeforeTo()).addValue(split.weeksAfterFrom()).addValue(split.weeksAfterTo())
      .addValue(TOP);
    Future<RowSet<Row>> periods = pool.preparedQuery(DashboardSql.PERIODS).execute(Tuple.of(currency, from, to, granularity));
    Future<RowSet<Row>> categories = pool.preparedQuery(DashboardSql.TOP_CATEGORIES).execute(top);
    Future<RowSet<Row>> funnel = pool.preparedQuery(DashboardSql.FUNNEL).execute(Tuple.of(from, to));
    Future<List<TopSeller>> topProducts = this.topProducts.top(currency, from, to, TOP).compose(this::productNames);
    Future<List<TopSeller>> topCategories = categories.map(DashboardService::totals).compose(rows -> categoryNames(rows, caller));
    return Future.all(periods, topProducts, topCategories, funnel).map(all -> {
      var list = new ArrayList<SalesPeriod>();
      long[] sum = new long[8];
      for (Row r : periods.result()) {
        long[] v = {r.getLong("revenue"), r.getLong("orders_placed"), r.getLong("orders_paid"), r.getLong("refunds"),
          r.getLong("returns"), r.getLong("cancelled"), r.getLong("new_customers"), r.getLong("returning_customers")};
        for (int i = 0; i < v.length; i++) {
          sum[i] += v[i];
        }
        list.add(new SalesPeriod(r.getLocalDate("start"), figures(v)));
      }
      Row f = funnel.result().iterator().next();
      return new Dashboard(currency, granularity, from, to, figures(sum), List.copyOf(list), topProducts.result(),
        topCategories.result(), new Funnel(f.getLong("carts_created"), f.getLong("checkouts_started"), f.getLong("orders_placed"),
        f.getLong("orders_paid")), pendingEvents.getAsLong());
    });
  }

  private static SalesFigures figures(long[] v) {
    long aov = v[2] == 0 ? 0 : v[0] / v[2];
    return new SalesFigures(v[0], v[1], v[2], aov, v[3], v[4], v[5], v[6], v[7]);
  }

  private static List<TopProducts.Total> totals(RowSet<Row> rows) {
    var list = new ArrayList<TopProducts.Total>();
    rows.forEach(r -> list.add(new TopProducts.Total(r.getUUID("id"), r.getLong("units"), r.getLong("revenue"))));
    return list;
  }

  private Future<List<TopSeller>> productNames(List<TopProducts.Total> rows) {
    List<UUID> ids = ids(rows);
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return pool.preparedQuery(DashboardSql.PRODUCT_NAMES).execute(Tuple.tuple().addValue(ids.toArray(UUID[]::new)))
      .map(found -> {
        var names = new HashMap<UUID, String>();
        found.forEach(r -> names.put(r.getUUID("product_id"), r.getString("name")));
        return sellers(rows, names);
      });
  }

  private Future<List<TopSeller>> categoryNames(List<TopProducts.Total> rows, Caller caller) {
    List<UUID> ids = ids(rows);
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return bus.request(CatalogApi.LIST_CATEGORIES, new ListCategories(null, ids), caller)
      .map(list -> {
        var names = new HashMap<UUID, String>();
        for (CategoryView c : list.items()) {
          names.put(c.id(), c.name());
        }
        return sellers(rows, names);
      })
      .otherwise(t -> sellers(rows, Map.of()));
  }

  private static List<UUID> ids(List<TopProducts.Total> rows) {
    return rows.stream().map(TopProducts.Total::id).toList();
  }

  private static List<TopSeller> sellers(List<TopProducts.Total> rows, Map<UUID, String> names) {
    return rows.stream().map(t -> new TopSeller(t.id(), names.get(t.id()), t.units(), t.revenue())).toList();
  }
}
