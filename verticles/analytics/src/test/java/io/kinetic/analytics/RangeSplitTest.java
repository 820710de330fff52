package io.kinetic.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * How the dashboard's top lists split a range into whole months, whole weeks and days: every day of
 * the range is read exactly once, and only a few from the day tables.
 */
class RangeSplitTest {

  private static LocalDate d(String day) {
    return LocalDate.parse(day);
  }

  @Test
  void theWholeMonthsInsideARange() {
    assertArrayEquals(new LocalDate[] {d("2026-02-01"), d("2026-11-01")}, RangeSplit.wholeMonths(d("2026-01-15"), d("2026-11-20")));
    assertArrayEquals(new LocalDate[] {d("2026-01-01"), d("2026-12-01")}, RangeSplit.wholeMonths(d("2026-01-01"), d("2026-11-30")));
    assertArrayEquals(new LocalDate[] {d("2026-03-01"), d("2026-04-01")}, RangeSplit.wholeMonths(d("2026-02-10"), d("2026-03-31")));
  }

  @Test
  void withoutAWholeMonthEveryDayIsReadFromTheDays() {
    assertArrayEquals(new LocalDate[] {d("2026-01-21"), d("2026-01-21")}, RangeSplit.wholeMonths(d("2026-01-05"), d("2026-01-20")));
    assertArrayEquals(new LocalDate[] {d("2026-02-11"), d("2026-02-11")}, RangeSplit.wholeMonths(d("2026-01-20"), d("2026-02-10")));
  }

  @Test
  void theMonthsAreWholeInsideTheRangeAndAsManyAsFit() {
    LocalDate start = d("2025-11-27");
    for (int offset = 0; offset < 40; offset++) {
      LocalDate from = start.plusDays(offset);
      for (int length = 1; length <= 100; length++) {
        LocalDate to = from.plusDays(length - 1);
        LocalDate[] m = RangeSplit.wholeMonths(from, to);
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

  @Test
  void everyDayIsReadOnceAndFewFromTheDayTables() {
    LocalDate start = d("2025-11-20");
    for (int offset = 0; offset < 45; offset++) {
      LocalDate from = start.plusDays(offset);
      for (int length = 1; length <= 400; length += (length < 70 ? 1 : 13)) {
        LocalDate to = from.plusDays(length - 1);
        RangeSplit split = RangeSplit.of(from, to);
        String range = from + ".." + to + " " + split;
        assertTrue(!split.weeksBeforeFrom().isAfter(split.weeksBeforeTo()) && !split.weeksAfterFrom().isAfter(split.weeksAfterTo()), range);
        int days = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
          int sources = (inside(day, split.monthsFrom(), split.monthsTo()) ? 1 : 0)
            + (inside(day, split.weeksBeforeFrom(), split.weeksBeforeTo()) ? 1 : 0)
            + (inside(day, split.weeksAfterFrom(), split.weeksAfterTo()) ? 1 : 0)
            + (split.readsDay(day) ? 1 : 0);
          assertEquals(1, sources, day + " in " + range);
          days += split.readsDay(day) ? 1 : 0;
        }
        assertTrue(days <= 24, days + " days from the day tables for " + range);
        for (LocalDate week : new LocalDate[] {split.weeksBeforeFrom(), split.weeksAfterFrom()}) {
          boolean empty = week.equals(week == split.weeksBeforeFrom() ? split.weeksBeforeTo() : split.weeksAfterTo());
          assertTrue(empty || week.getDayOfWeek() == java.time.DayOfWeek.MONDAY, range);
        }
      }
    }
  }

  private static boolean inside(LocalDate day, LocalDate from, LocalDate to) {
    return !day.isBefore(from) && day.isBefore(to);
  }
}
