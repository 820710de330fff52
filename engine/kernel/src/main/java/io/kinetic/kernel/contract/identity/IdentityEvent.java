package io.kinetic.kernel.contract.identity;

import io.kinetic.kernel.outbox.DomainEvent;

/** Events the identity context publishes through its event log. */
public sealed interface IdentityEvent extends DomainEvent permits StaffAccessChanged, PasswordResetRequested {
}
