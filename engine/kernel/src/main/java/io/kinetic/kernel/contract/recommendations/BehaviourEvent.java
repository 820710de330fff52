package io.kinetic.kernel.contract.recommendations;

import java.time.Instant;
import java.util.UUID;

/**
 * One thing a shopper did in the storefront, as the storefront reports it. {@code id} is chosen by
 * the client (a random UUID) so a batch sent twice counts once. {@code type} is one of
 * {@link BehaviourType}'s wire names; {@code dwellMillis} is for {@code product-leave} (0 to one
 * hour), {@code model} and {@code position} for {@code recommendation-shown} and
 * {@code recommendation-clicked} (which model served the row, the item's place in it from 0, and
 * the A/B {@code arm} the answer named, when it named one).
 * {@code at} is when it happened (null: when it arrived; never in the future, nor older than a day).
 */
public record BehaviourEvent(UUID id, String type, UUID productId, Long dwellMillis, String model, Integer position,
                             String arm, Instant at) {
}
