package io.kinetic.server;

import io.kinetic.kernel.config.ConfigException;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.log.Logs;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;

/**
 * Command line: {@code java -jar kinetic.jar [run]} starts the engine; {@code seed --products N}
 * replaces the catalogue with N generated products; {@code create-admin --email E [--name N]}
 * creates a staff admin with the password from {@code COMMERCE_ADMIN_PASSWORD}.
 */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    // before anything logs: the JDK's shutdown reset of logging waits for the engine's last line
    if (System.getProperty("java.util.logging.manager") == null) {
      System.setProperty("java.util.logging.manager", io.kinetic.kernel.log.EngineLogManager.class.getName());
    }
    Map<String, String> env = System.getenv();
    String logs = Logs.configure(Level.INFO, env);
    String command = args.length == 0 ? "run" : args[0];
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    if (!"stdout".equals(logs) && ("run".equals(command))) {
      System.out.println("[kinetic] logs (JSON lines) go to " + logs + "; COMMERCE_LOG_FORMAT=json writes them to stdout");
    }
    try {
      switch (command) {
        case "run" -> run(env);
        case "seed" -> Commands.seed(env, rest);
        case "create-admin" -> Commands.createAdmin(env, rest);
        case "help", "--help", "-h" -> usage(0);
        default -> usage(2);
      }
    } catch (ConfigException | io.kinetic.kernel.embedded.DataDirectoryInUse e) {
      // the user's to fix, said once (no stack trace, no second line from the log)
      System.err.println("kinetic: " + e.getMessage());
      System.exit(2);
    } catch (Failure e) {
      System.err.println("kinetic: cannot " + command + ": " + e.errorCode().string() + ": " + e.detail());
      System.exit(1);
    } catch (Exception e) {
      System.err.println("kinetic: cannot " + command + ": " + e);
      java.util.logging.Logger.getLogger(Main.class.getName()).log(Level.SEVERE, command + " failed", e);
      System.exit(1);
    }
  }

  private static void run(Map<String, String> env) throws Exception {
    Engine engine = Engine.start(env);
    var stopped = new CountDownLatch(1);
    io.kinetic.kernel.log.EngineLogManager.deferClose();
    Runnable stop = () -> {
      try {
        engine.stop();
      } finally {
        io.kinetic.kernel.log.EngineLogManager.closeNow();
        stopped.countDown();
      }
    };
    // a stop signal stops the engine before the JVM's exit (and its embedded servers' hooks) begins;
    // the hook covers any other exit
    StopSignals.install(stop);
    Runtime.getRuntime().addShutdownHook(new Thread(stop, "kinetic-shutdown"));
    stopped.await();
  }

  private static void usage(int exit) {
    System.out.println("""
      usage: java -jar kinetic.jar [command]
        run                               start the engine (default)
        seed --products N                 replace the catalogue with N generated demo products
        seed --orders N [--days D]        add N generated orders over the last D days (365) with their events
        create-admin --email E [--name N] create a staff admin; password from COMMERCE_ADMIN_PASSWORD
      configuration: config/application.json, COMMERCE_PROFILE, COMMERCE_* environment variables (see README)""");
    System.exit(exit);
  }
}
