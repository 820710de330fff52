package io.kinetic.kernel.contract;

import java.util.UUID;

/** Reply to a delete command: the id (or code) of what is gone. */
public record Deleted(String id) {

  public static Deleted of(UUID id) {
    return new Deleted(id.toString());
  }
}
