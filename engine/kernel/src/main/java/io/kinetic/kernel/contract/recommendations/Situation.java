package io.kinetic.kernel.contract.recommendations;

/**
 * Where recommendations are shown: the home page (personal, from the session's history, else
 * trending), a product page ("similar" and "bought together"), a category page (the category's
 * products in a personal order), the cart (complements of its products).
 */
public enum Situation {
  HOME, PRODUCT, CATEGORY, CART
}
