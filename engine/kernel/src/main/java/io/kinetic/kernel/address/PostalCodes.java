package io.kinetic.kernel.address;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Postal codes by country: where none is in use (a shopper in Dubai or Hong Kong has none to give:
 * the field is optional there), and the format of the codes of the countries a shop most often
 * ships to, each with an example for the message. Letters are compared and kept upper case. A
 * country that is neither (a small territory, a format with many local variants) takes any code of
 * letters, digits, spaces and hyphens ({@link AddressRules}). The formats follow the postal
 * services' own (UPU's addressing pages). A code written with a country prefix, as many still do
 * (CH-8001, D-10117, SE-114 55), is taken without it ({@link #withoutPrefix}); where the prefix is
 * part of the code as the post writes it (LV-1050) it is kept.
 */
public final class PostalCodes {

  /** Countries without postal codes in general use: a code is optional there. */
  public static final Set<String> OPTIONAL = Set.of(
    "AE", "AG", "AO", "AQ", "AW", "BF", "BI", "BJ", "BO", "BQ", "BS", "BV", "BW", "BZ", "CD", "CF", "CG", "CI", "CK", "CM",
    "CW", "DJ", "DM", "EC", "ER", "FJ", "GA", "GD", "GH", "GM", "GQ", "GY", "HK", "HM", "IE", "JM", "KI", "KM", "KN", "KP", "LC",
    "LY", "ML", "MO", "MR", "MS", "MW", "NR", "NU", "PA", "QA", "RW", "SB", "SC", "SL", "SR", "SS", "ST", "SX", "SY", "TD",
    "TG", "TK", "TL", "TO", "TT", "TV", "UG", "UM", "VU", "YE", "ZW");

  /** A country's postal code: its pattern (upper case) and an example. */
  public record Format(Pattern pattern, String example) {
  }

  private static final Map<String, Format> FORMATS = new HashMap<>();

  static {
    format("\\d{4}", "1010", "AT");
    format("\\d{4}", "2000", "AU");
    format("\\d{4}", "1000", "BE", "BG", "BD", "MK", "PH", "SI", "TN");
    format("\\d{4}", "8001", "CH");
    format("\\d{4}", "1010", "CY");
    format("\\d{4}", "8660", "DK");
    format("\\d{4}", "0105", "GE");
    format("\\d{4}", "1037", "HU");
    format("\\d{4}", "9490", "LI");
    format("\\d{4}", "0150", "NO");
    format("\\d{4}", "6011", "NZ");
    format("\\d{4}", "0001", "ZA");
    format("\\d{5}", "10117", "DE");
    format("\\d{5}", "28039", "ES");
    format("\\d{5}", "00144", "IT");
    format("\\d{5}", "00550", "FI");
    format("\\d{5}", "10000", "HR");
    format("\\d{5}", "10111", "EE");
    format("\\d{5}", "71000", "BA");
    format("\\d{5}", "16000", "DZ");
    format("\\d{5}", "11511", "EG");
    format("\\d{5}", "10110", "ID");
    format("\\d{5}", "03051", "KR");
    format("\\d{5}", "00100", "LK");
    format("\\d{5}", "10000", "MA");
    format("\\d{5}", "81000", "ME");
    format("\\d{5}", "06000", "MX");
    format("\\d{5}", "50000", "MY");
    format("\\d{5}", "44000", "PK");
    format("\\d{5}", "11000", "UY");
    format("\\d{5,6}", "11000", "RS");
    format("\\d{5}", "10200", "TH");
    format("\\d{5}", "34000", "TR");
    format("\\d{5}", "01001", "UA");
    format("\\d{5}", "97100", "GP", "MQ", "GF", "RE", "YT", "BL", "MF", "PM");
    format("\\d{6}", "010011", "RO");
    format("\\d{6}", "220030", "BY");
    format("\\d{6}", "100000", "CN");
    format("\\d{5}\\d?", "10000", "VN");
    format("\\d{6}", "110111", "CO");
    format("\\d{6}", "050000", "KZ");
    format("\\d{6}", "101000", "RU");
    format("\\d{6}", "018956", "SG");
    format("\\d{3} ?\\d{3}", "110001", "IN");
    format("\\d{7}", "8320000", "CL");
    format("\\d{3}", "101", "IS");
    format("\\d{3}", "100", "FO");
    format("\\d{3}(\\d{2,3})?", "100", "TW");
    format("\\d{2} ?\\d{3}", "75001", "FR");
    format("980\\d{2}", "98000", "MC");
    format("4789\\d", "47890", "SM");
    format("00120", "00120", "VA");
    format("\\d{3} ?\\d{2}", "114 55", "SE");
    format("\\d{3} ?\\d{2}", "110 00", "CZ");
    format("\\d{3} ?\\d{2}", "811 01", "SK");
    format("\\d{3} ?\\d{2}", "105 57", "GR");
    format("\\d{2}-?\\d{3}", "00-950", "PL");
    format("\\d{4}-?\\d{3}", "1100-148", "PT");
    format("\\d{5}-?\\d{3}", "01310-100", "BR");
    format("\\d{3}-?\\d{4}", "100-0001", "JP");
    format("\\d{5}(\\d{2})?", "9614303", "IL");
    format("\\d{5}([ -]\\d{4})?", "10001", "US");
    format("\\d{5}([ -]\\d{4})?", "00901", "PR");
    format("\\d{5}([ -]\\d{4})?", "11564", "SA");
    format("\\d{4} ?[A-Z]{2}", "1234 AB", "NL");
    format("(L-?)?\\d{4}", "1009", "LU");
    format("(LV-?)?\\d{4}", "LV-1050", "LV");
    format("(LT-?)?\\d{5}", "01100", "LT");
    format("(MD-?)?\\d{4}", "2012", "MD");
    format("[A-Z]{3} ?\\d{2,4}", "VLT 1117", "MT");
    format("22\\d{3}", "22100", "AX");
    format("39\\d{2}", "3900", "GL");
    format("AD\\d{3}", "AD500", "AD");
    format("[A-Z]?\\d{4}([A-Z]{3})?", "C1070AAM", "AR");
    format("[ABCEGHJ-NPRSTVXY]\\d[A-Z] ?\\d[A-Z]\\d", "K1A 0B1", "CA");
    format("GIR ?0AA|[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}|BFPO ?\\d{1,4}", "SW1A 1AA", "GB");
    format("GY\\d[\\dA-Z]? ?\\d[A-Z]{2}", "GY1 1AA", "GG");
    format("JE\\d[\\dA-Z]? ?\\d[A-Z]{2}", "JE2 3AB", "JE");
    format("IM\\d[\\dA-Z]? ?\\d[A-Z]{2}", "IM1 1AA", "IM");
  }

  private PostalCodes() {
  }

  private static void format(String regex, String example, String... countries) {
    Pattern pattern = Pattern.compile(regex);
    for (String country : countries) {
      if (FORMATS.put(country, new Format(pattern, example)) != null) {
        throw new IllegalStateException("two postal code formats for " + country);
      }
    }
  }

  /** The format of the country's postal codes, or null when any code (or none, {@link #OPTIONAL}) is taken. */
  public static Format format(String country) {
    return country == null ? null : FORMATS.get(country);
  }

  /** Whether an address in the country may leave its postal code out. */
  public static boolean optional(String country) {
    return country != null && OPTIONAL.contains(country);
  }

  /**
   * The code without a country prefix (one to three letters and a hyphen or space: CH-8001,
   * D-10117, FL-9490) when only that keeps it from the country's format; else the code as it is.
   */
  public static String withoutPrefix(String country, String code) {
    Format format = format(country);
    if (format == null || format.pattern().matcher(code).matches()) {
      return code;
    }
    var prefixed = PREFIXED.matcher(code);
    return prefixed.matches() && format.pattern().matcher(prefixed.group(1)).matches() ? prefixed.group(1) : code;
  }

  private static final Pattern PREFIXED = Pattern.compile("[A-Z]{1,3}[- ](.+)");

  /** A code as kept: letters upper case, runs of spaces as one. */
  public static String normalize(String code) {
    return code.toUpperCase(Locale.ROOT).replaceAll(" {2,}", " ");
  }

  /**
   * Why a code (normalized) is not one of the country's, or null when it is (or the country has no
   * known format); the message gives an example and never the code itself.
   */
  public static String problem(String country, String code) {
    Format format = format(country);
    if (format == null || format.pattern().matcher(code).matches()) {
      return null;
    }
    return "is not a postal code of " + new Locale("", country).getDisplayCountry(Locale.ENGLISH) + ", such as " + format.example();
  }
}
