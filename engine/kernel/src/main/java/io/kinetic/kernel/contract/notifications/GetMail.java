package io.kinetic.kernel.contract.notifications;

import java.util.UUID;

/** One e-mail. Reply {@link MailView}. Fails {@code MAIL_NOT_FOUND}. */
public record GetMail(UUID id) {
}
