package io.kinetic.kernel.contract.identity;

/**
 * Reply: {@link CustomerView}. Fails {@code VALIDATION_FAILED}, {@code WEAK_PASSWORD}, {@code EMAIL_TAKEN},
 * or {@code RATE_LIMITED} (with a retry-after) after too many registrations from {@code clientIp}
 * (null: an internal caller, not limited).
 */
public record RegisterCustomer(String email, String password, String name, String clientIp) {

  /** A registration without a client address. */
  public RegisterCustomer(String email, String password, String name) {
    this(email, password, name, null);
  }
}
