package io.kinetic.recommendations;

import io.kinetic.kernel.contract.recommendations.Recommend;
import io.kinetic.kernel.error.FieldError;
import io.kinetic.kernel.error.Failure;
import java.util.ArrayList;

/** Checks a {@link Recommend}: what its situation needs, the session id's form, the limit. */
final class RecommendRequests {

  static final int MAX_LIMIT = 24;
  static final int MAX_CART = 100;

  private RecommendRequests() {
  }

  static void check(Recommend q) {
    var errors = new ArrayList<FieldError>();
    if (q.situation() == null) {
      errors.add(new FieldError("situation", "must be home, product, category or cart"));
    } else {
      switch (q.situation()) {
        case PRODUCT -> {
          if (q.productId() == null) {
            errors.add(new FieldError("productId", "is required for the product situation"));
          }
        }
        case CATEGORY -> {
          if (q.categoryId() == null) {
            errors.add(new FieldError("categoryId", "is required for the category situation"));
          }
        }
        case CART -> {
          if (q.cartProductIds() == null || q.cartProductIds().isEmpty()) {
            errors.add(new FieldError("cartProductIds", "are required for the cart situation"));
          }
        }
        case HOME -> {
        }
      }
    }
    if (q.cartProductIds() != null && (q.cartProductIds().size() > MAX_CART
      || q.cartProductIds().stream().anyMatch(java.util.Objects::isNull))) {
      errors.add(new FieldError("cartProductIds", "at most " + MAX_CART + " product ids"));
    }
    if (q.sessionId() != null && !EventValidation.SESSION.matcher(q.sessionId()).matches()) {
      errors.add(new FieldError("sessionId", "must be 8 to 64 letters, digits, - or _"));
    }
    if (q.limit() < 1 || q.limit() > MAX_LIMIT) {
      errors.add(new FieldError("limit", "must be 1 to " + MAX_LIMIT));
    }
    if (!errors.isEmpty()) {
      throw Failure.invalid(errors);
    }
  }
}
