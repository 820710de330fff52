package io.kinetic.kernel.contract.identity;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One staff action: who ({@code actorId} and the e-mail it had then; both null for the system, e.g.
 * the first admin created at start-up), what ({@code action}, {@code <entity>.<past-tense>}, e.g.
 * {@code staff.deactivated}, within {@code context}, the bounded context it happened in: {@code
 * identity} today, {@code catalog} and others fed from their events later), to what ({@code
 * targetType}, {@code targetId}), when ({@code at}), with the {@code correlationId} of the request,
 * and action-specific {@code details} (e.g. the roles before and after). {@code id} is the entry's
 * position in the log.
 */
public record AuditEntry(String id, Instant at, String context, String action, UUID actorId, String actorEmail,
                         String targetType, String targetId, String correlationId, Map<String, Object> details) {
}
