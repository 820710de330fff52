package io.kinetic.kernel.json;

import java.time.Instant;

/**
 * {@link Instant#toString()} (ISO-8601, {@code DateTimeFormatter.ISO_INSTANT}) without a formatter:
 * the same text for the years 1970 to 9999, and {@code toString()} itself outside them.
 */
final class Instants {

  /** 10000-01-01T00:00:00Z */
  private static final long END = 253402300800L;

  private Instants() {
  }

  static char[] iso(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < 0 || seconds >= END) {
      return instant.toString().toCharArray();
    }
    int nano = instant.getNano();
    int digits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1000 == 0 ? 6 : 9;
    char[] out = new char[20 + (digits == 0 ? 0 : digits + 1)];
    long days = seconds / 86400;
    int secondOfDay = (int) (seconds % 86400);
    // civil date from days since 1970-01-01 (H. Hinnant's algorithm, days >= 0 here)
    long z = days + 719468;
    long era = z / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
    two(out, 0, year / 100);
    two(out, 2, year % 100);
    out[4] = '-';
    two(out, 5, month);
    out[7] = '-';
    two(out, 8, day);
    out[10] = 'T';
    two(out, 11, secondOfDay / 3600);
    out[13] = ':';
    two(out, 14, secondOfDay / 60 % 60);
    out[16] = ':';
    two(out, 17, secondOfDay % 60);
    int at = 19;
    if (digits > 0) {
      out[at++] = '.';
      int value = digits == 3 ? nano / 1_000_000 : digits == 6 ? nano / 1000 : nano;
      for (int i = at + digits - 1; i >= at; i--) {
        out[i] = (char) ('0' + value % 10);
        value /= 10;
      }
      at += digits;
    }
    out[at] = 'Z';
    return out;
  }

  private static void two(char[] out, int at, int value) {
    out[at] = (char) ('0' + value / 10);
    out[at + 1] = (char) ('0' + value % 10);
  }
}
