package io.kinetic.kernel.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The embedded servers a killed engine left running. PostgreSQL runs detached from the engine
 * ({@code pg_ctl} daemonizes it) and Redis is a child process: neither stops when the engine is
 * killed ({@code kill -9}, the OOM killer, an IDE's stop button), and the next start then found
 * the data directory locked by the orphaned postmaster and gave up after a minute. Each server's
 * owner file ({@code <name>.owner}: the engine's pid and the server's) says whose it is: a server
 * whose engine is gone is stopped before the new one starts; one whose engine still runs stops
 * the start at once, naming that engine.
 */
final class Orphans {

  private static final Logger LOG = Logger.getLogger(Orphans.class.getName());
  private static final long STOP_SECONDS = 30;

  private Orphans() {
  }

  /** Records that this engine owns the server {@code serverPid}. */
  static void own(Path ownerFile, long serverPid) throws IOException {
    Files.createDirectories(ownerFile.getParent());
    Files.writeString(ownerFile, ProcessHandle.current().pid() + " " + serverPid + "\n", StandardCharsets.UTF_8);
  }

  /**
   * Stops the server of {@code ownerFile} when the engine that owned it is gone; fails when that
   * engine still runs. {@code isServer} tells the recorded server from another process that got its pid since.
   */
  static void stopLeftOver(Path ownerFile, Predicate<ProcessHandle> isServer, String what) throws IOException {
    long[] pids = read(ownerFile);
    if (pids == null) {
      return;
    }
    long owner = pids[0];
    Optional<ProcessHandle> server = ProcessHandle.of(pids[1]).filter(ProcessHandle::isAlive).filter(isServer);
    if (server.isEmpty()) {
      return;
    }
    if (owner != ProcessHandle.current().pid() && ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
      throw new DataDirectoryInUse("the " + what + " of " + ownerFile.getParent().toAbsolutePath() + " belongs to another running engine (pid "
        + owner + "): stop it first, or give this one its own COMMERCE_EMBEDDED_DATA_DIR");
    }
    LOG.warning("stopping the embedded " + what + " (pid " + pids[1] + ") that a stopped or killed engine (pid " + owner
      + ") left running");
    stop(server.get());
  }

  /** The postmaster of {@code pgData} when its {@code postmaster.pid} names a running postgres, else null. */
  static ProcessHandle postmaster(Path pgData) {
    try {
      Path pidFile = pgData.resolve("postmaster.pid");
      if (!Files.exists(pidFile)) {
        return null;
      }
      String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
      return ProcessHandle.of(Long.parseLong(first)).filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false)).orElse(null);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Whether {@code process} runs a program whose path contains {@code name}. */
  static boolean runs(ProcessHandle process, String name) {
    return process.info().command().map(c -> c.contains(name)).orElse(false);
  }

  /** SIGTERM (PostgreSQL: a smart shutdown, its clients are gone), then SIGKILL after {@value #STOP_SECONDS} s. */
  private static void stop(ProcessHandle process) throws IOException {
    process.destroy();
    try {
      process.onExit().get(STOP_SECONDS, TimeUnit.SECONDS);
    } catch (Exception notYet) {
      process.destroyForcibly();
      try {
        process.onExit().get(STOP_SECONDS, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IOException("cannot stop the left-over process " + process.pid(), e);
      }
    }
  }

  private static long[] read(Path ownerFile) {
    try {
      if (!Files.exists(ownerFile)) {
        return null;
      }
      String[] parts = Files.readString(ownerFile, StandardCharsets.UTF_8).trim().split("\\s+");
      return parts.length == 2 ? new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])} : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
