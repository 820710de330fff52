package io.kinetic.kernel.address;

import io.kinetic.kernel.error.FieldError;
import io.kinetic.kernel.text.PlainText;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one set of rules for a postal address, wherever one is entered (the address book, a
 * checkout): required name, line1, postalCode (optional where a country has none, {@link PostalCodes}),
 * city and country (ISO 3166-1 alpha-2, kept upper case), the lengths, the characters of postal codes
 * (and the country's format, letters kept upper case) and phone numbers, and one line of plain text
 * in every field ({@link PlainText}). Text is trimmed; a blank optional field becomes null.
 */
public final class AddressRules {

  public static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final Pattern POSTAL_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 -]{0,19}");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()./-]{2,31}");

  private AddressRules() {
  }

  /** An address as checked: trimmed, optional blanks as null, the country upper case. */
  public record Lines(String name, String company, String line1, String line2, String postalCode, String city,
                      String region, String country, String phone) {
  }

  /** Checks an address, adding an error per bad field (named {@code prefix} + the field) to {@code errors}. */
  public static Lines clean(String prefix, String name, String company, String line1, String line2, String postalCode,
                            String city, String region, String country, String phone, List<FieldError> errors) {
    String n = required(errors, prefix + "name", name, 100);
    String co = optional(errors, prefix + "company", company, 100);
    String l1 = required(errors, prefix + "line1", line1, 200);
    String l2 = optional(errors, prefix + "line2", line2, 200);
    // the country decides whether a postal code is needed and its format (its own error comes after)
    String known = country == null ? null : country.strip().toUpperCase(Locale.ROOT);
    known = COUNTRIES.contains(known) ? known : null;
    String pc = PostalCodes.optional(known) ? optional(errors, prefix + "postalCode", postalCode, 20)
      : required(errors, prefix + "postalCode", postalCode, 20);
    if (pc != null && !POSTAL_CODE.matcher(pc).matches()) {
      errors.add(new FieldError(prefix + "postalCode", "may hold letters, digits, spaces and hyphens only"));
    } else if (pc != null && errors.stream().noneMatch(e -> e.field().equals(prefix + "postalCode"))) {
      pc = PostalCodes.withoutPrefix(known, PostalCodes.normalize(pc));
      String problem = PostalCodes.problem(known, pc);
      if (problem != null) {
        errors.add(new FieldError(prefix + "postalCode", problem));
      }
    }
    String ci = required(errors, prefix + "city", city, 100);
    String re = optional(errors, prefix + "region", region, 100);
    String cc = required(errors, prefix + "country", country, 2);
    if (cc != null) {
      cc = country(cc, prefix + "country", errors);
    }
    String ph = optional(errors, prefix + "phone", phone, 32);
    if (ph != null && !PHONE.matcher(ph).matches()) {
      errors.add(new FieldError(prefix + "phone", "must be a phone number: digits, optionally a leading +, spaces, ( ) . / -"));
    }
    return new Lines(n, co, l1, l2, pc, ci, re, cc, ph);
  }

  /** A country code upper case, or null with an error when it is none. */
  public static String country(String value, String field, List<FieldError> errors) {
    String cc = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
    if (!COUNTRIES.contains(cc)) {
      errors.add(new FieldError(field, "must be an ISO 3166-1 alpha-2 country code, such as DE"));
      return null;
    }
    return cc;
  }

  private static String required(List<FieldError> errors, String field, String value, int max) {
    String v = optional(errors, field, value, max);
    if (v == null && errors.stream().noneMatch(e -> e.field().equals(field))) {
      errors.add(new FieldError(field, "is required"));
    }
    return v;
  }

  private static String optional(List<FieldError> errors, String field, String value, int max) {
    if (PlainText.isBlank(value)) {
      return null;
    }
    String v = value.strip();
    if (v.codePointCount(0, v.length()) > max) {
      errors.add(new FieldError(field, "must be at most " + max + " characters"));
    } else if (!PlainText.isPlain(v)) {
      errors.add(new FieldError(field, PlainText.MESSAGE));
    }
    return v;
  }
}
