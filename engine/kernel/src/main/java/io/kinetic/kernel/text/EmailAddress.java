package io.kinetic.kernel.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The form e-mail addresses are kept and compared in, and the syntax a new one must have.
 *
 * <p>{@link #normalize}: trimmed, lower case, Unicode NFC, so that one address typed in two
 * canonically equivalent ways ({@code josé} with a precomposed é, or an e and a combining accent)
 * is one address. {@link #isValid} (on a normalized address): a local part of RFC 5322 {@code atext}
 * and dots, plus the letters, combining marks and decimal digits of any script (RFC 6531
 * internationalised addresses); never what an address allows only quoted ({@code < > ( ) [ ] \ " , ; :},
 * spaces), nor control, format or invisible characters. The domain is two or more dot-separated labels
 * of letters, marks, digits and hyphens. At most {@link #MAX_LENGTH} characters.
 */
public final class EmailAddress {

  public static final int MAX_LENGTH = 254;

  private static final String ATEXT = "\\p{L}\\p{M}\\p{Nd}!#$%&'*+/=?^_`{|}~\\-";
  private static final String LABEL = "[\\p{L}\\p{M}\\p{Nd}\\-]+";
  private static final Pattern SYNTAX = Pattern.compile("[" + ATEXT + ".]+@" + LABEL + "(?:\\." + LABEL + ")+");

  private EmailAddress() {
  }

  /** Trimmed, lower case ({@link Locale#ROOT}), NFC; "" for null. */
  public static String normalize(String email) {
    if (email == null) {
      return "";
    }
    String lower = email.strip().toLowerCase(Locale.ROOT);
    return Normalizer.isNormalized(lower, Normalizer.Form.NFC) ? lower : Normalizer.normalize(lower, Normalizer.Form.NFC);
  }

  /** Whether a {@linkplain #normalize normalized} address is well-formed and at most {@link #MAX_LENGTH} characters. */
  public static boolean isValid(String normalized) {
    return normalized != null && !normalized.isEmpty() && normalized.length() <= MAX_LENGTH
      && SYNTAX.matcher(normalized).matches();
  }
}
