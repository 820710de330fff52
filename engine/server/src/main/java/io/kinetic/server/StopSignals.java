package io.kinetic.server;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import sun.misc.Signal;

/**
 * Ctrl-C, {@code kill} and a closed terminal (SIGINT, SIGTERM, SIGHUP) stop the running engine
 * before the JVM begins its exit. The JVM's own handling of them starts every shutdown hook at
 * once, in no order, and the embedded servers' libraries (embedded PostgreSQL, embedded Redis)
 * register hooks of their own that stop their servers: those ran while the engine was still
 * draining its requests and closing its consumers, which then failed against a server shutting
 * down (warnings at every clean stop). Here the engine stops first, its embedded servers last, and
 * then the JVM exits (status 0: a requested stop that went as planned; 1 when the stop failed,
 * with its error on stderr, the log being closed by then); the servers' hooks find nothing left to
 * stop. A second signal while stopping exits at once (status 128 + the signal's number), as an
 * impatient operator expects. Uses {@code sun.misc.Signal} (module jdk.unsupported, in every JDK 17+).
 */
final class StopSignals {

  private static final Logger LOG = Logger.getLogger(StopSignals.class.getName());
  private static final String[] SIGNALS = {"INT", "TERM", "HUP"};

  private StopSignals() {
  }

  /** From now on the signals run {@code stop} (on a thread of its own), then exit the JVM. */
  static void install(Runnable stop) {
    var stopping = new AtomicBoolean();
    for (String name : SIGNALS) {
      try {
        Signal.handle(new Signal(name), signal -> {
          if (!stopping.compareAndSet(false, true)) {
            System.err.println("[kinetic] SIG" + signal.getName() + " again while stopping: exiting at once");
            System.exit(128 + signal.getNumber());
            return;
          }
          Thread stopper = new Thread(() -> {
            int status = 0;
            try {
              stop.run();
            } catch (Throwable t) {
              System.err.println("[kinetic] the stop failed: " + t);
              t.printStackTrace();
              status = 1;
            }
            System.exit(status);
          }, "kinetic-stop-SIG" + signal.getName());
          stopper.start();
        });
      } catch (IllegalArgumentException unavailable) {
        // a signal this platform does not have, or one the JVM was told to leave alone (-Xrs: it then
        // ends the process without any shutdown hook, so without a clean stop)
        LOG.log("HUP".equals(name) ? java.util.logging.Level.FINE : java.util.logging.Level.WARNING, "cannot handle SIG"
          + name + " (" + unavailable.getMessage() + "): that signal ends the engine without a clean stop");
      }
    }
  }
}
