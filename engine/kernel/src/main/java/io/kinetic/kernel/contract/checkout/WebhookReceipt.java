package io.kinetic.kernel.contract.checkout;

/** {@code duplicate}: the event id was received before; nothing changes. */
public record WebhookReceipt(String eventId, String type, boolean duplicate) {
}
