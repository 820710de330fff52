package io.kinetic.kernel.contract.recommendations;

import java.util.List;
import java.util.UUID;

/**
 * Recommendations for one {@link Situation}: {@code productId} is required for {@code PRODUCT},
 * {@code categoryId} for {@code CATEGORY}; {@code cartProductIds} (at most 100) are the cart's
 * products, required for {@code CART} and left out of every answer. {@code sessionId} (may be null)
 * makes the answer personal. {@code limit} 1 to 24; {@code locale} and {@code currency} (null: the
 * shop's defaults) for the cards. {@code customerId} (a signed-in shopper; may be null): what they
 * bought before is left out of every answer. Reply {@link Recommendations}. Fails {@code VALIDATION_FAILED}.
 */
public record Recommend(Situation situation, String sessionId, UUID productId, UUID categoryId, List<UUID> cartProductIds,
                        int limit, String locale, String currency, UUID customerId) {

  /** Without a customer (a guest, or a caller that does not say). */
  public Recommend(Situation situation, String sessionId, UUID productId, UUID categoryId, List<UUID> cartProductIds,
                   int limit, String locale, String currency) {
    this(situation, sessionId, productId, categoryId, cartProductIds, limit, locale, currency, null);
  }
}
