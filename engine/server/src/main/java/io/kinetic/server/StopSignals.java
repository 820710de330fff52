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
 * then the JVM exits (status 0: a requested stop that went as planned); the servers' hooks find
 * nothing left to stop. A second signal while stopping exits at once (status 130), as an impatient
 * operator expects. Uses {@code sun.misc.Signal} (module jdk.unsupported, in every JDK 17+).
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
            LOG.info("SIG" + signal.getName() + " again while stopping: exiting at once");
            System.exit(130);
            return;
          }
          Thread stopper = new Thread(() -> {
            try {
              stop.run();
            } finally {
              System.exit(0);
            }
          }, "kinetic-stop-SIG" + signal.getName());
          stopper.start();
        });
      } catch (IllegalArgumentException unavailable) {
        // a signal this platform does not have, or the JVM keeps (-Xrs): the shutdown hook stops the engine
        LOG.fine("cannot handle SIG" + name + ": " + unavailable.getMessage());
      }
    }
  }
}
