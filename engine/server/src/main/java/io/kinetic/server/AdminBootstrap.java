package io.kinetic.server;

import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.config.AppConfig;
import io.kinetic.kernel.contract.identity.CreateStaff;
import io.kinetic.kernel.contract.identity.Role;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The first admin, never with a hard-coded password: from {@code COMMERCE_ADMIN_EMAIL} and
 * {@code COMMERCE_ADMIN_PASSWORD} when both are set; otherwise, on a store without one, {@code
 * COMMERCE_ADMIN_EMAIL} (default {@code admin@kinetic.local}) with a random password written to
 * {@code data/secrets/admin-credentials} (owner-only, see {@link Secrets}) and shown once on the console.
 */
final class AdminBootstrap {

  private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());
  static final String DEFAULT_EMAIL = "admin@kinetic.local";
  static final String CREDENTIALS = "admin-credentials";

  private final BusClient bus;
  private final AppConfig config;
  private final Map<String, String> env;

  AdminBootstrap(Vertx vertx, AppConfig config, Map<String, String> env) {
    this.bus = new BusClient(vertx, 60_000);
    this.config = config;
    this.env = env;
  }

  void run() throws Exception {
    String email = env.get("COMMERCE_ADMIN_EMAIL");
    String password = env.get("COMMERCE_ADMIN_PASSWORD");
    if (email != null && password != null) {
      if (create(email, password)) {
        Console.step("created admin " + email + " from the environment");
      }
      return;
    }
    Path dataDir = Path.of(config.embedded().dataDir());
    Path file = dataDir.resolve(Secrets.DIRECTORY).resolve(CREDENTIALS);
    if (Files.exists(file)) {
      Console.step("admin login: see " + file.toAbsolutePath());
      return;
    }
    String admin = email == null ? DEFAULT_EMAIL : email;
    String generated = Secrets.generated(dataDir, "admin-password", 12);
    if (create(admin, generated)) {
      Secrets.write(dataDir, CREDENTIALS, "email=" + admin + "\npassword=" + generated + "\n");
      Console.step("created admin " + admin + " with password " + generated + " (also in " + file + ")");
    } else {
      Console.step("admin " + admin + " exists; create another with: java -jar kinetic.jar create-admin --email ...");
    }
  }

  /** True when created, false when a staff member with that e-mail already exists. */
  private boolean create(String email, String password) throws Exception {
    try {
      bus.request(IdentityApi.CREATE_STAFF, new CreateStaff(email, password, "Administrator", Set.of(Role.ADMIN)), Caller.SYSTEM)
        .await(60, TimeUnit.SECONDS);
      LOG.info("created staff admin " + email);
      return true;
    } catch (Failure f) {
      if (f.errorCode() == ErrorCode.EMAIL_TAKEN) {
        return false;
      }
      throw f;
    }
  }
}
