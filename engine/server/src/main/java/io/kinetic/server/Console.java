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

  static void progress(String what, int done, int total) {
    System.out.print("\r[kinetic] " + what + " " + done + "/" + total + (done >= total ? System.lineSeparator() : ""));
    System.out.flush();
  }
}
