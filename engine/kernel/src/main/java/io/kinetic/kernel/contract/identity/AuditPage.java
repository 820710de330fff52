package io.kinetic.kernel.contract.identity;

import java.util.List;

/** {@code nextCursor} is null on the last page. */
public record AuditPage(List<AuditEntry> items, String nextCursor) {
}
