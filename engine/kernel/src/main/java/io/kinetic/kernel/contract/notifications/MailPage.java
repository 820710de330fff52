package io.kinetic.kernel.contract.notifications;

import java.util.List;

/** {@code nextCursor} is null on the last page. */
public record MailPage(List<MailSummary> items, String nextCursor) {
}
