package io.kinetic.checkout;

import io.kinetic.kernel.address.AddressRules;
import io.kinetic.kernel.contract.checkout.OrderAddress;
import io.kinetic.kernel.error.FieldError;
import io.kinetic.kernel.text.EmailAddress;
import java.text.Normalizer;
import java.util.List;

/** Checks and tidies the addresses (by the address book's rules, {@link AddressRules}) and the e-mail of a checkout. */
final class Addresses {

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

  /**
   * A guest's e-mail by the accounts' rules ({@link EmailAddress}: what an address allows unquoted,
   * at most 254 characters), kept as typed but for surrounding blanks and in Unicode NFC (one address
   * typed two ways is one).
   */
  static String email(String value, String field, List<FieldError> errors) {
    String email = value == null ? "" : Normalizer.normalize(value.strip(), Normalizer.Form.NFC);
    if (!EmailAddress.isValid(EmailAddress.normalize(email))) {
      errors.add(new FieldError(field, "must be an e-mail address"));
      return null;
    }
    return email;
  }
}
