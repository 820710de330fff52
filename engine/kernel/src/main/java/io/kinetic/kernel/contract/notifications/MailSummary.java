package io.kinetic.kernel.contract.notifications;

import java.time.Instant;
import java.util.UUID;

/**
 * One transactional e-mail: {@code kind} (e.g. {@code order-confirmation}, {@code password-reset}),
 * the event it was made for ({@code eventId}, also its stable Message-ID), {@code status}
 * {@code pending} (not delivered yet; {@code attempts} so far, the next at {@code nextAttemptAt}),
 * {@code sent} or {@code failed} (given up after the configured attempts), the last delivery error.
 */
public record MailSummary(UUID id, UUID eventId, String kind, String recipient, String locale, String subject,
                          String orderNumber, String status, int attempts, Instant nextAttemptAt, String lastError,
                          Instant createdAt, Instant sentAt) {
}
