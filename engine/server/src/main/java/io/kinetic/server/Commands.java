package io.kinetic.server;

import io.kinetic.kernel.bus.Caller;
import io.kinetic.catalog.seed.DemoCatalog;
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

/** The one-shot commands: reseed the catalogue, create a staff admin. */
final class Commands {

  private Commands() {
  }

  /** {@code seed --products N}: replaces the whole catalogue. Run it while the engine is stopped. */
  static void seed(Map<String, String> env, String[] args) throws Exception {
    int products = Integer.parseInt(option(args, "--products", "1000"));
    if (products < 1 || products > 10_000_000) {
      throw new IllegalArgumentException("--products must be between 1 and 10000000");
    }
    Infrastructure infra = Infrastructure.start(env);
    try {
      var pool = PgPools.forTask(infra.vertx(), infra.config().pg().url(), 4, "catalog", "seed");
      long start = System.nanoTime();
      int seeded = DemoCatalog.reseed(infra.vertx(), pool, products,
        done -> Console.progress("seeding demo catalogue", done, products)).await(60, TimeUnit.MINUTES);
      Console.step("seeded " + seeded + " products in " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + " s");
      pool.close().await(10, TimeUnit.SECONDS);
      // seeding appends no events: the search index is rebuilt from the new catalogue when the engine starts
      SearchModule.rebuildOnNextStart(infra.vertx(), infra.config().pg().url()).await(60, TimeUnit.SECONDS);
    } finally {
      infra.stop();
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
