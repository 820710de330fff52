package io.kinetic.checkout;

import io.kinetic.kernel.contract.checkout.CheckoutSettings;
import io.kinetic.kernel.contract.checkout.DeleteShippingZone;
import io.kinetic.kernel.contract.checkout.DeleteTaxRate;
import io.kinetic.kernel.contract.checkout.GetShippingCountries;
import io.kinetic.kernel.contract.checkout.SaveCheckoutSettings;
import io.kinetic.kernel.contract.checkout.SaveShippingZone;
import io.kinetic.kernel.contract.checkout.SaveTaxRate;
import io.kinetic.kernel.contract.checkout.ShippingCountries;
import io.kinetic.kernel.contract.checkout.ShippingMethod;
import io.kinetic.kernel.contract.checkout.ShippingZone;
import io.kinetic.kernel.contract.checkout.ShippingZoneInput;
import io.kinetic.kernel.contract.checkout.TaxRate;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.error.FieldError;
import io.kinetic.kernel.id.Ids;
import io.kinetic.kernel.money.Money;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The shop's tax and shipping settings: read from PostgreSQL into an immutable snapshot that
 * quotes use without a query, read again at most {@value #FRESH_MILLIS} ms later (so a change by
 * staff on another node shows within that time) and at once after a change on this node. Staff
 * writes are validated here and bump the settings' version.
 */
final class ShopSettings {

  static final long FRESH_MILLIS = 2_000;
  static final String STANDARD = "standard";
  static final Set<String> COUNTRIES = io.kinetic.kernel.address.AddressRules.COUNTRIES;
  static final String REST_OF_WORLD = "*";

  private final Pool pool;
  private volatile Snapshot snapshot;
  private volatile long loadedAt;
  private Future<Snapshot> loading;

  ShopSettings(Pool pool) {
    this.pool = pool;
  }

  /** The settings as a quote sees them; {@code shipsTo}: the countries a quote offers a method to (storefronts ask). */
  record Snapshot(CheckoutSettings view, Map<String, Integer> rates, Map<String, ShippingZone> zoneByCountry, ShippingCountries shipsTo) {

    int rate(String country, String taxClass) {
      return rates.getOrDefault(country + "|" + taxClass, 0);
    }

    boolean hasRate(String country, String taxClass) {
      return rates.containsKey(country + "|" + taxClass);
    }

    ShippingZone zone(String country) {
      ShippingZone zone = zoneByCountry.get(country);
      return zone != null ? zone : zoneByCountry.get(REST_OF_WORLD);
    }

    /** The countries a quote in {@code currency} offers a method to (null: in any currency, {@link #shipsTo}). */
    ShippingCountries shipsTo(String currency) {
      return currency == null ? shipsTo : ShopSettings.shipsTo(view.zones(), currency);
    }
  }

  /**
   * The countries the shop ships to, in the asked currency when one is given; a currency that is
   * not a code is refused (VALIDATION_FAILED, not echoed), one no method is priced in ships nowhere.
   */
  Future<ShippingCountries> shipsTo(GetShippingCountries q) {
    if (q.currency() != null && !q.currency().matches("[A-Z]{3}")) {
      return Future.failedFuture(Failure.invalid("currency", "must be three capital letters (an ISO 4217 code)"));
    }
    return current().map(s -> s.shipsTo(q.currency()));
  }

  Future<Snapshot> current() {
    Snapshot now = snapshot;
    if (now != null && System.currentTimeMillis() - loadedAt < FRESH_MILLIS) {
      return Future.succeededFuture(now);
    }
    if (loading == null) {
      loading = load().onComplete(ar -> loading = null);
    }
    return now != null ? Future.succeededFuture(now) : loading;
  }

  Future<CheckoutSettings> view() {
    return load().map(Snapshot::view);
  }

  Future<Snapshot> load() {
    return pool.withConnection(conn -> conn.query("SELECT prices_include_tax, default_country, version FROM shop_settings WHERE id = 1").execute()
      .compose(settings -> conn.query("SELECT country, tax_class, rate FROM tax_rate ORDER BY country, tax_class").execute()
        .compose(rates -> conn.query("""
            SELECT z.id AS zone_id, z.name AS zone_name, z.countries, z.updated_at, m.id, m.name, m.prices, m.free_above,
                   m.min_days, m.max_days, m.active
            FROM shipping_zone z LEFT JOIN shipping_method m ON m.zone_id = z.id
            ORDER BY z.position, z.name, z.id, m.position, m.name""").execute()
          .map(zones -> snapshot(settings.iterator().next(), rates, zones)))))
      .onSuccess(s -> {
        snapshot = s;
        loadedAt = System.currentTimeMillis();
      });
  }

  private static Snapshot snapshot(Row settings, Iterable<Row> rateRows, Iterable<Row> zoneRows) {
    var rates = new ArrayList<TaxRate>();
    var rateMap = new LinkedHashMap<String, Integer>();
    for (Row r : rateRows) {
      var rate = new TaxRate(r.getString("country"), r.getString("tax_class"), r.getInteger("rate"));
      rates.add(rate);
      rateMap.put(rate.country() + "|" + rate.taxClass(), rate.rate());
    }
    var zones = new LinkedHashMap<UUID, ShippingZone>();
    for (Row r : zoneRows) {
      UUID zoneId = r.getUUID("zone_id");
      ShippingZone zone = zones.computeIfAbsent(zoneId, id -> new ShippingZone(id, r.getString("zone_name"),
        List.of(r.getArrayOfStrings("countries")), new ArrayList<>(), r.getOffsetDateTime("updated_at").toInstant()));
      if (r.getUUID("id") != null) {
        zone.methods().add(new ShippingMethod(r.getUUID("id"), r.getString("name"), amounts(r.getJsonObject("prices")),
          amounts(r.getJsonObject("free_above")), r.getInteger("min_days"), r.getInteger("max_days"), r.getBoolean("active")));
      }
    }
    var frozen = new ArrayList<ShippingZone>();
    var byCountry = new LinkedHashMap<String, ShippingZone>();
    for (ShippingZone z : zones.values()) {
      var zone = new ShippingZone(z.id(), z.name(), z.countries(), List.copyOf(z.methods()), z.updatedAt());
      frozen.add(zone);
      zone.countries().forEach(c -> byCountry.putIfAbsent(c, zone));
    }
    var view = new CheckoutSettings(settings.getBoolean("prices_include_tax"), settings.getString("default_country"),
      List.copyOf(rates), List.copyOf(frozen), settings.getLong("version"));
    return new Snapshot(view, Map.copyOf(rateMap), Map.copyOf(byCountry), shipsTo(frozen));
  }

  /**
   * The countries the shop ships to: those of the zones (in their order) with an active method, as a
   * quote finds them ({@link Snapshot#zone}: a country's own zone, else the rest of the world's). With
   * an active rest-of-the-world zone, every country no other zone names follows, alphabetically.
   */
  static ShippingCountries shipsTo(List<ShippingZone> zones) {
    return shipsTo(zones, null);
  }

  /**
   * As {@link #shipsTo(List)}, counting only the methods with a price in {@code currency} (null: any),
   * as a quote in that currency offers them ({@link Quotes#options}).
   */
  static ShippingCountries shipsTo(List<ShippingZone> zones, String currency) {
    var named = new LinkedHashSet<String>();
    var shipped = new LinkedHashSet<String>();
    boolean restOfWorld = false;
    for (ShippingZone zone : zones) {
      boolean ships = zone.methods().stream().anyMatch(m -> Boolean.TRUE.equals(m.active())
        && (currency == null || m.prices().get(currency) != null));
      for (String c : zone.countries()) {
        if (REST_OF_WORLD.equals(c)) {
          restOfWorld |= ships;
        } else if (named.add(c) && ships) {
          shipped.add(c);
        }
      }
    }
    if (restOfWorld) {
      new TreeSet<>(COUNTRIES).stream().filter(c -> !named.contains(c)).forEach(shipped::add);
    }
    return new ShippingCountries(List.copyOf(shipped), restOfWorld);
  }

  private static Map<String, Long> amounts(JsonObject json) {
    var out = new LinkedHashMap<String, Long>();
    if (json != null) {
      json.forEach(e -> out.put(e.getKey(), ((Number) e.getValue()).longValue()));
    }
    return out;
  }

  // ---- staff writes ----

  Future<CheckoutSettings> save(SaveCheckoutSettings command) {
    var errors = new ArrayList<FieldError>();
    String country = command.defaultCountry() == null ? null : command.defaultCountry().strip().toUpperCase(Locale.ROOT);
    if (country != null && !COUNTRIES.contains(country)) {
      errors.add(new FieldError("defaultCountry", "must be an ISO 3166-1 alpha-2 country code, such as DE"));
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(Failure.invalid(errors));
    }
    return write(tx -> tx.preparedQuery("""
        UPDATE shop_settings SET prices_include_tax = coalesce($1, prices_include_tax),
               default_country = coalesce($2, default_country) WHERE id = 1""")
      .execute(Tuple.of(command.pricesIncludeTax(), country)).mapEmpty());
  }

  Future<CheckoutSettings> saveRate(SaveTaxRate command) {
    TaxRate rate = command.rate();
    var errors = new ArrayList<FieldError>();
    if (rate == null) {
      return Future.failedFuture(Failure.invalid("rate", "is required"));
    }
    String country = rate.country() == null ? "" : rate.country().strip().toUpperCase(Locale.ROOT);
    if (!COUNTRIES.contains(country)) {
      errors.add(new FieldError("country", "must be an ISO 3166-1 alpha-2 country code, such as DE"));
    }
    String taxClass = rate.taxClass() == null || rate.taxClass().isBlank() ? STANDARD : rate.taxClass().strip();
    if (!taxClass.matches("[a-z][a-z0-9_-]{0,39}")) {
      errors.add(new FieldError("taxClass", "must be a lower-case name of up to 40 letters, digits, - and _"));
    }
    if (rate.rate() < 0 || rate.rate() > 10_000) {
      errors.add(new FieldError("rate", "must be 0 to 10000 basis points (1900 = 19 %)"));
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(Failure.invalid(errors));
    }
    return write(tx -> tx.preparedQuery("""
        INSERT INTO tax_rate (country, tax_class, rate) VALUES ($1, $2, $3)
        ON CONFLICT (country, tax_class) DO UPDATE SET rate = EXCLUDED.rate""")
      .execute(Tuple.of(country, taxClass, rate.rate())).mapEmpty());
  }

  Future<CheckoutSettings> deleteRate(DeleteTaxRate command) {
    String country = command.country() == null ? "" : command.country().strip().toUpperCase(Locale.ROOT);
    String taxClass = command.taxClass() == null || command.taxClass().isBlank() ? STANDARD : command.taxClass().strip();
    return write(tx -> tx.preparedQuery("DELETE FROM tax_rate WHERE country = $1 AND tax_class = $2")
      .execute(Tuple.of(country, taxClass))
      .compose(r -> r.rowCount() == 1 ? Future.succeededFuture()
        : Future.failedFuture(ErrorCode.TAX_RATE_NOT_FOUND.failure("no rate for " + taxClass + " in " + country))));
  }

  Future<CheckoutSettings> saveZone(SaveShippingZone command) {
    ShippingZoneInput in = command.zone();
    if (in == null) {
      return Future.failedFuture(Failure.invalid("zone", "is required"));
    }
    var errors = new ArrayList<FieldError>();
    String name = in.name() == null ? "" : in.name().strip();
    if (name.isEmpty() || name.length() > 100) {
      errors.add(new FieldError("name", "must be 1 to 100 characters"));
    }
    var countries = new ArrayList<String>();
    if (in.countries() == null || in.countries().isEmpty() || in.countries().size() > 250) {
      errors.add(new FieldError("countries", "must list 1 to 250 countries"));
    } else {
      for (int i = 0; i < in.countries().size(); i++) {
        String c = in.countries().get(i) == null ? "" : in.countries().get(i).strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(c) && !REST_OF_WORLD.equals(c)) {
          errors.add(new FieldError("countries[" + i + "]", "must be an ISO 3166-1 alpha-2 country code, or * for the rest of the world"));
        } else if (!countries.contains(c)) {
          countries.add(c);
        }
      }
    }
    var methods = new ArrayList<ShippingMethod>();
    if (in.methods() == null || in.methods().size() > 20) {
      errors.add(new FieldError("methods", "must list 0 to 20 methods"));
    } else {
      var ids = new HashSet<UUID>();
      for (int i = 0; i < in.methods().size(); i++) {
        ShippingMethod m = in.methods().get(i);
        String p = "methods[" + i + "]";
        if (m == null) {
          errors.add(new FieldError(p, "is required"));
          continue;
        }
        String mName = m.name() == null ? "" : m.name().strip();
        if (mName.isEmpty() || mName.length() > 100) {
          errors.add(new FieldError(p + ".name", "must be 1 to 100 characters"));
        }
        checkAmounts(errors, p + ".prices", m.prices(), true);
        checkAmounts(errors, p + ".freeAbove", m.freeAbove(), false);
        if (m.minDays() < 0 || m.maxDays() > 365 || m.minDays() > m.maxDays()) {
          errors.add(new FieldError(p + ".maxDays", "the estimate must be 0 to 365 working days, minDays ≤ maxDays"));
        }
        UUID id = m.id() == null ? Ids.newId() : m.id();
        if (!ids.add(id)) {
          errors.add(new FieldError(p + ".id", "appears twice"));
        }
        methods.add(new ShippingMethod(id, mName, m.prices() == null ? Map.of() : Map.copyOf(m.prices()),
          m.freeAbove() == null ? Map.of() : Map.copyOf(m.freeAbove()), m.minDays(), m.maxDays(), m.active() == null || m.active()));
      }
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(Failure.invalid(errors));
    }
    UUID id = command.id() == null ? Ids.newId() : command.id();
    return write(tx -> tx.preparedQuery("SELECT id, name, countries FROM shipping_zone WHERE id <> $1 FOR UPDATE").execute(Tuple.of(id))
      .compose(others -> {
        var taken = new ArrayList<FieldError>();
        for (Row other : others) {
          for (String c : other.getArrayOfStrings("countries")) {
            if (countries.contains(c)) {
              taken.add(new FieldError("countries", c + " is already in the zone " + other.getString("name")));
            }
          }
        }
        if (!taken.isEmpty()) {
          return Future.failedFuture(Failure.invalid(taken));
        }
        Future<Void> upsert = command.id() == null
          ? tx.preparedQuery("INSERT INTO shipping_zone (id, name, countries, position) VALUES ($1, $2, $3, (SELECT coalesce(max(position), 0) + 1 FROM shipping_zone))")
            .execute(Tuple.of(id, name, countries.toArray(String[]::new))).mapEmpty()
          : tx.preparedQuery("UPDATE shipping_zone SET name = $2, countries = $3, updated_at = now() WHERE id = $1")
            .execute(Tuple.of(id, name, countries.toArray(String[]::new)))
            .compose(r -> r.rowCount() == 1 ? Future.succeededFuture()
              : Future.failedFuture(ErrorCode.SHIPPING_ZONE_NOT_FOUND.failure("no shipping zone " + id)));
        return upsert.compose(v -> tx.preparedQuery("DELETE FROM shipping_method WHERE zone_id = $1").execute(Tuple.of(id)))
          .compose(v -> {
            if (methods.isEmpty()) {
              return Future.succeededFuture();
            }
            var batch = new ArrayList<Tuple>();
            for (int i = 0; i < methods.size(); i++) {
              ShippingMethod m = methods.get(i);
              batch.add(Tuple.of(m.id(), id, m.name(), new JsonObject(new LinkedHashMap<>(m.prices())),
                new JsonObject(new LinkedHashMap<>(m.freeAbove())), m.minDays(), m.maxDays(), m.active(), i));
            }
            return tx.preparedQuery("""
                INSERT INTO shipping_method (id, zone_id, name, prices, free_above, min_days, max_days, active, position)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""").executeBatch(batch).mapEmpty();
          });
      }));
  }

  Future<CheckoutSettings> deleteZone(DeleteShippingZone command) {
    return write(tx -> tx.preparedQuery("DELETE FROM shipping_zone WHERE id = $1").execute(Tuple.of(command.id()))
      .compose(r -> r.rowCount() == 1 ? Future.succeededFuture()
        : Future.failedFuture(ErrorCode.SHIPPING_ZONE_NOT_FOUND.failure("no shipping zone " + command.id()))));
  }

  private static void checkAmounts(List<FieldError> errors, String field, Map<String, Long> amounts, boolean required) {
    if (amounts == null || amounts.isEmpty()) {
      if (required) {
        errors.add(new FieldError(field, "must give a price in at least one currency, e.g. {\"EUR\": 490}"));
      }
      return;
    }
    for (var e : amounts.entrySet()) {
      if (!Money.isCurrency(e.getKey())) {
        errors.add(new FieldError(field + "." + e.getKey(), "is not an ISO 4217 currency code"));
      } else if (e.getValue() == null || e.getValue() < 0 || e.getValue() > 100_000_000L) {
        errors.add(new FieldError(field + "." + e.getKey(), "must be 0 to 100000000 minor units"));
      }
    }
  }

  /** Runs a staff change with the settings' version bumped, then answers the settings as committed. */
  private Future<CheckoutSettings> write(java.util.function.Function<SqlConnection, Future<Void>> change) {
    return pool.withTransaction(tx -> change.apply(tx)
        .compose(v -> tx.query("UPDATE shop_settings SET version = version + 1, updated_at = now() WHERE id = 1").execute()))
      .compose(v -> load())
      .map(Snapshot::view);
  }
}
