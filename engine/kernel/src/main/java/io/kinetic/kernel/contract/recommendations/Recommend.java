package io.kinetic.kernel.contract.recommendations;

import java.util.List;
import java.util.UUID;

/**
 * Recommendations for one {@link Situation}: {@code productId} is required for {@code PRODUCT},
 * {@code categoryId} for {@code CATEGORY}; {@code cartProductIds} (at most 100) are the cart's
 * products, required for {@code CART} and left out of every answer. {@code sessionId} (may be null)
 * makes the answer personal. {@code limit} 1 to 24; {@code locale} and {@code currency} (null: the
 * shop's defaults) for the cards. Reply {@link Recommendations}. Fails {@code VALIDATION_FAILED}.
 */
public record Recommend(Situation situation, String sessionId, UUID productId, UUID categoryId, List<UUID> cartProductIds,
                        int limit, String locale, String currency) {
}
