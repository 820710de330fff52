package io.kinetic.checkout;

import io.kinetic.kernel.address.AddressRules;
import io.kinetic.kernel.contract.checkout.OrderAddress;
import io.kinetic.kernel.error.FieldError;
import java.util.List;
import java.util.regex.Pattern;

/** Checks and tidies the addresses (by the address book's rules, {@link AddressRules}) and the e-mail of a checkout. */
final class Addresses {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}\\p{Cf}\\p{Z}]{1,64}@[^@\\s\\p{Cntrl}\\p{Cf}\\p{Z}]+\\.[^@\\s\\p{Cntrl}\\p{Cf}\\p{Z}]+");

  private Addresses() {
  }

  static OrderAddress clean(OrderAddress in, String prefix, List<FieldError> errors) {
    if (in == null) {
      errors.add(new FieldError(prefix, "is required"));
      return null;
    }
    AddressRules.Lines a = AddressRules.clean(prefix + ".", in.name(), in.company(), in.line1(), in.line2(), in.postalCode(),
      in.city(), in.region(), in.country(), in.phone(), errors);
    return new OrderAddress(a.name(), a.company(), a.line1(), a.line2(), a.postalCode(), a.city(), a.region(), a.country(),
      a.phone());
  }

  static String email(String value, String field, List<FieldError> errors) {
    String email = value == null ? "" : value.strip();
    if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
      errors.add(new FieldError(field, "must be an e-mail address"));
      return null;
    }
    return email;
  }
}
