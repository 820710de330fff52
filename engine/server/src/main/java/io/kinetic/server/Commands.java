package io.kinetic.server;

import io.kinetic.kernel.bus.Caller;
import io.kinetic.catalog.seed.DemoCatalog;
import io.kinetic.catalog.seed.SaleableVariants;
import io.kinetic.checkout.seed.OrderHistory;
import io.kinetic.identity.IdentityModule;
import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.contract.identity.CreateStaff;
import io.kinetic.kernel.contract.identity.Role;
import io.kinetic.kernel.pg.PgPools;
import io.kinetic.search.SearchModule;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** The one-shot commands: reseed the catalogue, generate an order history, create a staff admin. */
final class Commands {

  private Commands() {
  }

  /**
   * {@code seed [--products N] [--orders N [--days D]]}: {@code --products} replaces the whole
   * catalogue (run it while the engine is stopped); {@code --orders} adds a generated order history
   * of the last D days (365 by default) over the catalogue's published variants, with its events in
   * the checkout's and the cart's logs (see {@link OrderHistory}). Without options: 1000 products.
   */
  static void seed(Map<String, String> env, String[] args) throws Exception {
    String productsOption = option(args, "--products", null);
    String ordersOption = option(args, "--orders", null);
    int products = Integer.parseInt(productsOption != null ? productsOption : ordersOption == null ? "1000" : "0");
    int orders = ordersOption == null ? 0 : Integer.parseInt(ordersOption);
    int days = Integer.parseInt(option(args, "--days", "365"));
    if (products < 0 || products > 10_000_000 || (products == 0 && productsOption != null)) {
      throw new IllegalArgumentException("--products must be between 1 and 10000000");
    }
    if (orders < 0 || orders > 100_000_000 || (orders == 0 && ordersOption != null)) {
      throw new IllegalArgumentException("--orders must be between 1 and 100000000");
    }
    if (days < 1 || days > 3660) {
      throw new IllegalArgumentException("--days must be between 1 and 3660");
    }
    Infrastructure infra = Infrastructure.start(env);
    try {
      var pool = PgPools.forTask(infra.vertx(), infra.config().pg().url(), 4, "catalog", "seed");
      if (products > 0) {
        long start = System.nanoTime();
        int seeded = DemoCatalog.reseed(infra.vertx(), pool, products, infra.config().cart().currencies(),
          done -> Console.progress("seeding demo catalogue", done, products)).await(60, TimeUnit.MINUTES);
        Console.step("seeded " + seeded + " products in " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + " s");
      }
      if (orders > 0) {
        seedOrders(infra, pool, orders, days);
      }
      // a bulk load is followed by ANALYZE (PostgreSQL's advice for populating a database): the
      // engine started next plans on the new tables' statistics, not on an empty table's, also where
      // autovacuum is off or has not come round yet (then every product read took a second and more)
      long start = System.nanoTime();
      pool.query("ANALYZE").execute().await(60, TimeUnit.MINUTES);
      Console.step("analyzed the database in " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + " s");
      pool.close().await(10, TimeUnit.SECONDS);
      // seeding appends no events: the search index is rebuilt from the new catalogue when the engine starts
      SearchModule.rebuildOnNextStart(infra.vertx(), infra.config().pg().url()).await(60, TimeUnit.SECONDS);
    } finally {
      infra.stop();
    }
  }

  private static void seedOrders(Infrastructure infra, io.vertx.sqlclient.Pool catalog, int orders, int days) throws Exception {
    String url = infra.config().pg().url();
    String currency = infra.config().catalog().defaultCurrency();
    var checkout = PgPools.forTask(infra.vertx(), url, 2, "checkout", "seed");
    var cart = PgPools.forTask(infra.vertx(), url, 2, "cart", "seed");
    try {
      long start = System.nanoTime();
      var variants = SaleableVariants.sample(catalog, currency, 2_000).await(1, TimeUnit.MINUTES);
      long events = OrderHistory.generate(checkout, cart, variants, orders, days, currency,
        done -> Console.progress("generating order history", done, orders)).await(24, TimeUnit.HOURS);
      Console.step("generated " + orders + " orders over " + days + " days (" + events + " events logged) in "
        + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + " s; the analytics catch up from the logs when the engine runs");
    } finally {
      checkout.close().await(10, TimeUnit.SECONDS);
      cart.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** {@code create-admin --email E [--name N]} with the password from {@code COMMERCE_ADMIN_PASSWORD}. */
  static void createAdmin(Map<String, String> env, String[] args) throws Exception {
    String email = option(args, "--email", null);
    String name = option(args, "--name", "Administrator");
    String password = env.get("COMMERCE_ADMIN_PASSWORD");
    if (email == null || password == null) {
      throw new IllegalArgumentException("usage: COMMERCE_ADMIN_PASSWORD=... create-admin --email E [--name N]");
    }
    Infrastructure infra = Infrastructure.start(env);
    try {
      IdentityModule.deployForCommand(infra.vertx(), infra.config()).await(60, TimeUnit.SECONDS);
      new BusClient(infra.vertx(), 60_000)
        .request(IdentityApi.CREATE_STAFF, new CreateStaff(email, password, name, Set.of(Role.ADMIN)), Caller.SYSTEM)
        .await(60, TimeUnit.SECONDS);
      Console.step("created admin " + email);
    } finally {
      infra.stop();
    }
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
