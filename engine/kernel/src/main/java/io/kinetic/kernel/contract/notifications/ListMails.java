package io.kinetic.kernel.contract.notifications;

/**
 * A page of e-mails, newest first: {@code limit} 1..100 older than the cursor {@code after} (the
 * previous page's {@code nextCursor}; null for the newest), only those in {@code status}
 * ({@code pending}, {@code sent}, {@code failed}; null for all) and, when given, to {@code recipient}.
 * Reply {@link MailPage}. Fails {@code VALIDATION_FAILED}, {@code INVALID_CURSOR}.
 */
public record ListMails(String status, String recipient, int limit, String after) {
}
