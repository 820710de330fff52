package io.kinetic.checkout;

import io.kinetic.kernel.contract.checkout.OrderAddress;
import io.kinetic.kernel.error.FieldError;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks and tidies the addresses and e-mail of a checkout (blank optional fields become null). */
final class Addresses {

  private static final Pattern POSTAL_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 -]{0,19}");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()./-]{2,31}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+");

  private Addresses() {
  }

  static OrderAddress clean(OrderAddress in, String prefix, List<FieldError> errors) {
    if (in == null) {
      errors.add(new FieldError(prefix, "is required"));
      return null;
    }
    String name = required(errors, prefix + ".name", in.name(), 200);
    String company = optional(errors, prefix + ".company", in.company(), 200);
    String line1 = required(errors, prefix + ".line1", in.line1(), 200);
    String line2 = optional(errors, prefix + ".line2", in.line2(), 200);
    String postalCode = required(errors, prefix + ".postalCode", in.postalCode(), 20);
    if (postalCode != null && !POSTAL_CODE.matcher(postalCode).matches()) {
      errors.add(new FieldError(prefix + ".postalCode", "must be letters, digits, spaces and hyphens"));
    }
    String city = required(errors, prefix + ".city", in.city(), 100);
    String region = optional(errors, prefix + ".region", in.region(), 100);
    String country = country(in.country(), prefix + ".country", errors);
    String phone = optional(errors, prefix + ".phone", in.phone(), 32);
    if (phone != null && !PHONE.matcher(phone).matches()) {
      errors.add(new FieldError(prefix + ".phone", "must be a phone number, such as +49 30 1234567"));
    }
    return new OrderAddress(name, company, line1, line2, postalCode, city, region, country, phone);
  }

  static String country(String value, String field, List<FieldError> errors) {
    String country = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
    if (!ShopSettings.COUNTRIES.contains(country)) {
      errors.add(new FieldError(field, "must be an ISO 3166-1 alpha-2 country code, such as DE"));
      return null;
    }
    return country;
  }

  static String email(String value, String field, List<FieldError> errors) {
    String email = value == null ? "" : value.strip();
    if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
      errors.add(new FieldError(field, "must be an e-mail address"));
      return null;
    }
    return email;
  }

  private static String required(List<FieldError> errors, String field, String value, int max) {
    String v = value == null ? "" : value.strip();
    if (v.isEmpty()) {
      errors.add(new FieldError(field, "is required"));
      return null;
    }
    return limited(errors, field, v, max);
  }

  private static String optional(List<FieldError> errors, String field, String value, int max) {
    String v = value == null ? "" : value.strip();
    return v.isEmpty() ? null : limited(errors, field, v, max);
  }

  private static String limited(List<FieldError> errors, String field, String v, int max) {
    if (v.length() > max) {
      errors.add(new FieldError(field, "must be at most " + max + " characters"));
    }
    if (v.chars().anyMatch(Character::isISOControl)) {
      errors.add(new FieldError(field, "must not contain control characters"));
    }
    return v;
  }
}
