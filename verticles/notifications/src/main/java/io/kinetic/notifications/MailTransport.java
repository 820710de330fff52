package io.kinetic.notifications;

import io.vertx.core.Future;
import io.vertx.ext.mail.MailMessage;

/** Where e-mails go: an SMTP server, or a directory of {@code .eml} files. */
interface MailTransport {

  /**
   * Hands the message over; succeeds once the server accepted it (or the file is written).
   * {@code key} names the mail stably (its event id): delivering it again replaces, never adds, where
   * the transport can tell.
   */
  Future<Void> deliver(String key, MailMessage message);

  /** Where the mails go, for the log (never with a password). */
  String describe();

  Future<Void> close();
}
