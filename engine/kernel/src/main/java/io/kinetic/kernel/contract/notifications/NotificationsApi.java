package io.kinetic.kernel.contract.notifications;

import io.kinetic.kernel.bus.Endpoint;
import io.kinetic.kernel.contract.Contract;

/**
 * The notifications context's bus contract: the transactional e-mails it derived from the other
 * contexts' events (pending, sent, failed), for staff. It publishes no events.
 */
public final class NotificationsApi {

  public static final Endpoint<ListMails, MailPage> LIST_MAILS =
    Endpoint.local("notifications.list-mails", ListMails.class, MailPage.class);
  public static final Endpoint<GetMail, MailView> GET_MAIL =
    Endpoint.local("notifications.get-mail", GetMail.class, MailView.class);

  public static final Contract CONTRACT = Contract.of("notifications", null, LIST_MAILS, GET_MAIL);

  private NotificationsApi() {
  }
}
