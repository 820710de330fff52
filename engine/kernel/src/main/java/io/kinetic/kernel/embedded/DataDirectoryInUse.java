package io.kinetic.kernel.embedded;

import java.io.IOException;

/**
 * The embedded servers of the data directory belong to another engine that still runs: this one
 * does not start (a user's mistake to report in one line, like a configuration error, not a crash).
 */
public final class DataDirectoryInUse extends IOException {

  public DataDirectoryInUse(String message) {
    super(message);
  }
}
