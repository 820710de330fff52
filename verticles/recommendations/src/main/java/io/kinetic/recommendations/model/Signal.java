package io.kinetic.recommendations.model;

import java.util.UUID;

/**
 * What the models learn from: in {@code session} (a storefront session, or an order), the shopper
 * showed interest of strength {@code weight} in {@code product} at {@code atMillis}. Weights order
 * the signals: purchase > add to cart > long view > view. {@code sales} is the units bought or put
 * in the cart (0 for views): what popularity and trending count.
 */
public record Signal(String session, UUID product, int weight, int sales, long atMillis) {

  public static final int VIEW = 1;
  public static final int LONG_VIEW = 2;
  public static final int ADD_TO_CART = 4;
  public static final int PURCHASE = 8;
}
