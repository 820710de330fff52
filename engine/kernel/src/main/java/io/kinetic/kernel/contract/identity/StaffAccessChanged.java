package io.kinetic.kernel.contract.identity;

import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.UUID;

/**
 * A change that revokes a staff member's access tokens (roles changed, deactivated) committed:
 * tokens of {@code staffId} with an {@code sv} claim below {@code sessionVersion} are refused from
 * now on. The aggregate is the staff member, its version the session version. Gateways listen on
 * {@code identity.events.staff-access-changed}; one that misses it learns the same from
 * {@link ListStaffSessions} within its poll interval.
 */
@EventName("identity.staff-access-changed")
public record StaffAccessChanged(UUID eventId, Instant occurredAt, UUID staffId, int sessionVersion) implements IdentityEvent {

  @Override
  public String aggregateId() {
    return staffId.toString();
  }

  @Override
  public long version() {
    return sessionVersion;
  }
}
