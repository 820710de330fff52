package io.kinetic.kernel.text;

/**
 * The rule for one line of text a person types and others read (a name, an address line): no
 * control characters (line breaks and tabs included: a name is one line wherever it is shown, in a
 * mail's text or a CSV cell), no line or paragraph separators, and none of the bidirectional
 * embedding, override or isolate controls (U+202A to U+202E, U+2066 to U+2069), which make a text
 * read differently from how it is stored (a "Trojan Source" name on a packing slip). Joiners (U+200C,
 * U+200D), which some scripts and emoji need, and marks such as U+200E stay allowed.
 */
public final class PlainText {

  /** The message for a field that breaks the rule. */
  public static final String MESSAGE = "must be one line of text without control characters or text-direction overrides";

  private PlainText() {
  }

  /**
   * Whether {@code value} shows nothing: null, or only spaces and invisible format characters (a
   * byte-order mark U+FEFF, joiners, direction marks), which a name or an address line cannot be.
   */
  public static boolean isBlank(String value) {
    if (value == null) {
      return true;
    }
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && Character.getType(c) != Character.FORMAT) {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }

  /** Whether {@code value} (null counts as plain) keeps the rule. */
  public static boolean isPlain(String value) {
    if (value == null) {
      return true;
    }
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      if (Character.getType(c) == Character.CONTROL || c == 0x2028 || c == 0x2029
        || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }
}
