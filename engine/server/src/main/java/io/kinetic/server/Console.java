package io.kinetic.server;

/**
 * Human-readable start-up progress on standard output (the structured log goes to standard error),
 * so {@code ./scripts/start} shows what is happening and ends with the URLs to open.
 */
final class Console {

  private Console() {
  }

  static void step(String text) {
    System.out.println("[kinetic] " + text);
    System.out.flush();
  }

  /** The tenth of the work last printed when the output is not a terminal (a log file, a pipe). */
  private static int lastTenth = -1;

  /**
   * Progress of a long step: on a terminal one line that counts up in place; in a file or a pipe a
   * plain line at each tenth of the work (no carriage returns to read through).
   */
  static synchronized void progress(String what, int done, int total) {
    if (System.console() != null) {
      System.out.print("\r[kinetic] " + what + " " + done + "/" + total + (done >= total ? System.lineSeparator() : ""));
    } else {
      int tenth = total <= 0 ? 10 : (int) (10L * done / total);
      if (tenth == lastTenth && done < total) {
        return;
      }
      lastTenth = done >= total ? -1 : tenth;
      System.out.println("[kinetic] " + what + " " + done + "/" + total);
    }
    System.out.flush();
  }
}
