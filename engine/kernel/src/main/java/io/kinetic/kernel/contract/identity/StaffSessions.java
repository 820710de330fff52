package io.kinetic.kernel.contract.identity;

import java.util.List;
import java.util.UUID;

public record StaffSessions(List<Session> items) {

  /** Staff tokens of {@code staffId} with an {@code sv} claim below {@code version} are revoked. */
  public record Session(UUID staffId, int version) {
  }
}
