package io.kinetic.notifications;

import io.kinetic.kernel.contract.identity.PasswordResetRequested;
import io.kinetic.kernel.contract.log.LoggedEvent;
import io.kinetic.kernel.outbox.EventTypes;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The e-mails of identity's events: the password-reset link. The token stays sealed in the mail's
 * row (the sender opens it when it delivers); other identity events send nothing.
 */
final class AccountMails {

  static final String PASSWORD_RESET = "password-reset";

  private static final String RESET_REQUESTED = EventTypes.register(PasswordResetRequested.class);

  private final OutgoingMails mails;

  AccountMails(OutgoingMails mails) {
    this.mails = mails;
  }

  Future<?> apply(SqlConnection tx, LoggedEvent logged) {
    if (!logged.type().equals(RESET_REQUESTED)) {
      return Future.succeededFuture();
    }
    var event = (PasswordResetRequested) logged.event();
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("name", event.name());
    model.put("sealedToken", event.sealedToken());
    model.put("validMinutes", Math.max(1, Duration.between(event.occurredAt(), event.expiresAt()).toMinutes()));
    return mails.add(tx, logged, PASSWORD_RESET, event.email(), event.locale(), model, null);
  }
}
