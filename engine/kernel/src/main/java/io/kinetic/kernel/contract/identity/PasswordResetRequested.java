package io.kinetic.kernel.contract.identity;

import io.kinetic.kernel.outbox.EventName;
import java.time.Instant;
import java.util.UUID;

/**
 * A customer asked for a password reset: the e-mail with the link is to be sent to {@code email}
 * in {@code locale}. The token itself never appears in clear here: {@code sealedToken} is sealed
 * ({@code SealedText}) with the key {@code DerivedKeys.derive(secret, }{@value #KEY_PURPOSE}{@code )};
 * identity keeps only its hash. The aggregate is the customer, its version the request's time in
 * milliseconds.
 */
@EventName("identity.password-reset-requested")
public record PasswordResetRequested(UUID eventId, Instant occurredAt, UUID customerId, String email, String name,
                                     String locale, String sealedToken, Instant expiresAt) implements IdentityEvent {

  public static final String KEY_PURPOSE = "password-reset-mail";

  @Override
  public String aggregateId() {
    return customerId.toString();
  }

  @Override
  public long version() {
    return occurredAt.toEpochMilli();
  }
}
