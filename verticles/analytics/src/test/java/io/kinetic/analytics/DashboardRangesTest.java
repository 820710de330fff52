package io.kinetic.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * How the dashboard splits a range into whole months (read from the month tables) and the days at
 * its ends (read from the day tables).
 */
class DashboardRangesTest {

  private static LocalDate d(String day) {
    return LocalDate.parse(day);
  }

  @Test
  void theWholeMonthsInsideARange() {
    assertArrayEquals(new LocalDate[] {d("2026-02-01"), d("2026-11-01")}, DashboardService.wholeMonths(d("2026-01-15"), d("2026-11-20")));
    assertArrayEquals(new LocalDate[] {d("2026-01-01"), d("2026-12-01")}, DashboardService.wholeMonths(d("2026-01-01"), d("2026-11-30")));
    assertArrayEquals(new LocalDate[] {d("2026-03-01"), d("2026-04-01")}, DashboardService.wholeMonths(d("2026-02-10"), d("2026-03-31")));
  }

  @Test
  void withoutAWholeMonthEveryDayIsReadFromTheDays() {
    assertArrayEquals(new LocalDate[] {d("2026-01-21"), d("2026-01-21")}, DashboardService.wholeMonths(d("2026-01-05"), d("2026-01-20")));
    assertArrayEquals(new LocalDate[] {d("2026-02-11"), d("2026-02-11")}, DashboardService.wholeMonths(d("2026-01-20"), d("2026-02-10")));
  }

  @Test
  void theMonthsAreWholeInsideTheRangeAndAsManyAsFit() {
    LocalDate start = d("2025-11-27");
    for (int offset = 0; offset < 40; offset++) {
      LocalDate from = start.plusDays(offset);
      for (int length = 1; length <= 100; length++) {
        LocalDate to = from.plusDays(length - 1);
        LocalDate[] m = DashboardService.wholeMonths(from, to);
        String range = from + ".." + to;
        assertTrue(!m[0].isAfter(m[1]), range);
        if (m[0].equals(m[1])) {
          assertEquals(to.plusDays(1), m[0], range);
          continue;
        }
        assertEquals(1, m[0].getDayOfMonth(), range);
        assertEquals(1, m[1].getDayOfMonth(), range);
        assertTrue(!m[0].isBefore(from) && m[0].minusMonths(1).isBefore(from), "the first whole month: " + range);
        assertTrue(!m[1].isAfter(to.plusDays(1)) && m[1].plusMonths(1).isAfter(to.plusDays(1)), "the last whole month: " + range);
      }
    }
  }
}
