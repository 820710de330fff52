package io.kinetic.kernel.contract.recommendations;

import java.util.Locale;

/** What a {@link BehaviourEvent} reports; {@link #wire()} is its name in requests and storage. */
public enum BehaviourType {
  PRODUCT_VIEW,
  PRODUCT_LEAVE,
  ADD_TO_CART,
  RECOMMENDATION_SHOWN,
  RECOMMENDATION_CLICKED,
  /** Only from the checkout's event log, never accepted from a client. */
  PURCHASE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The type of a wire name, or null. */
  public static BehaviourType fromWire(String wire) {
    for (BehaviourType type : values()) {
      if (type.wire().equals(wire)) {
        return type;
      }
    }
    return null;
  }
}
