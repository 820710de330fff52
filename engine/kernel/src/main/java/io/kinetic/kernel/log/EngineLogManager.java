package io.kinetic.kernel.log;

import java.util.logging.LogManager;

/**
 * The JVM's log manager for the engine's process ({@code java.util.logging.manager}, set by its
 * main before any logging). At shutdown the JDK's own hook resets logging, closing the handlers,
 * while the engine's hook is still stopping: its last lines (the gateway draining, the pools and
 * the embedded servers stopping) were lost from the log file. With {@link #deferClose} that reset
 * waits for the engine, which calls {@link #closeNow} after its last line.
 */
public final class EngineLogManager extends LogManager {

  private static volatile boolean deferred;

  public EngineLogManager() {
    super();
  }

  @Override
  public void reset() {
    if (deferred && Thread.currentThread().getClass().getName().startsWith("java.util.logging.LogManager$Cleaner")) {
      return; // the engine's shutdown hook closes the handlers after its last line (closeNow)
    }
    super.reset();
  }

  /** From now on the JVM's shutdown reset is left to {@link #closeNow} (harmless with another log manager). */
  public static void deferClose() {
    deferred = true;
  }

  /** Flushes and closes every handler: the engine's last line was written. */
  public static void closeNow() {
    deferred = false;
    LogManager.getLogManager().reset();
  }
}
