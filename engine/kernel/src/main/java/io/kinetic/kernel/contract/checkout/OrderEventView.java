package io.kinetic.kernel.contract.checkout;

import java.time.Instant;

/**
 * One entry of an order's timeline: what happened ({@code type}, e.g. {@code OrderPlaced}), the
 * state before and after (equal when only the payment changed), who did it ({@code actor}: a staff
 * id, {@code customer}, {@code guest}, {@code system} or {@code provider:<name>}; {@code actorName}: a
 * staff member's name as it was then), a note, and the order's version after it.
 */
public record OrderEventView(String type, String fromState, String toState, String actor, String actorName, String note,
                             Instant at, long version) {
}
