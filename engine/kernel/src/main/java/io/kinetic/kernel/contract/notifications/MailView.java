package io.kinetic.kernel.contract.notifications;

/**
 * One e-mail as it was (or will be) sent: its summary, Message-ID, and its text and HTML bodies
 * rendered again from its template, with any secret in it (a password-reset link) masked.
 */
public record MailView(MailSummary mail, String messageId, String from, String text, String html) {
}
