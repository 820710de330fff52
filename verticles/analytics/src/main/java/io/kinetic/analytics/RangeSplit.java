package io.kinetic.analytics;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * How the top lists read a range of days: the whole months inside it from the month tables
 * ([monthsFrom, monthsTo)), the whole weeks (Monday to Sunday) before and after those months from the
 * week tables, and only the days left (at most six at each end of each stretch) from the day tables.
 * An empty stretch is [x, x). Without a whole month, the whole weeks of the range are the weeks
 * "before".
 */
record RangeSplit(LocalDate monthsFrom, LocalDate monthsTo, LocalDate weeksBeforeFrom, LocalDate weeksBeforeTo,
                  LocalDate weeksAfterFrom, LocalDate weeksAfterTo) {

  static RangeSplit of(LocalDate from, LocalDate to) {
    LocalDate end = to.plusDays(1);
    LocalDate[] months = wholeMonths(from, to);
    if (months[0].equals(months[1])) {
      LocalDate[] weeks = wholeWeeks(from, end);
      return new RangeSplit(months[0], months[1], weeks[0], weeks[1], end, end);
    }
    LocalDate[] before = wholeWeeks(from, months[0]);
    LocalDate[] after = wholeWeeks(months[1], end);
    return new RangeSplit(months[0], months[1], before[0], before[1], after[0], after[1]);
  }

  /**
   * The first whole month inside [from, to] and the month after the last whole one; both the day
   * after {@code to} when no whole month is inside.
   */
  static LocalDate[] wholeMonths(LocalDate from, LocalDate to) {
    LocalDate first = from.getDayOfMonth() == 1 ? from : from.with(TemporalAdjusters.firstDayOfNextMonth());
    LocalDate end = to.equals(to.with(TemporalAdjusters.lastDayOfMonth())) ? to.plusDays(1) : to.withDayOfMonth(1);
    if (!first.isBefore(end)) {
      return new LocalDate[] {to.plusDays(1), to.plusDays(1)};
    }
    return new LocalDate[] {first, end};
  }

  /** The Mondays [first, last) of the whole weeks inside [start, end); both {@code end} when none. */
  static LocalDate[] wholeWeeks(LocalDate start, LocalDate end) {
    LocalDate first = start.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
    LocalDate last = end.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    return first.isBefore(last) ? new LocalDate[] {first, last} : new LocalDate[] {end, end};
  }

  /** Whether the top lists read {@code day} from the day tables. */
  boolean readsDay(LocalDate day) {
    return outside(day, monthsFrom, monthsTo) && outside(day, weeksBeforeFrom, weeksBeforeTo)
      && outside(day, weeksAfterFrom, weeksAfterTo);
  }

  private static boolean outside(LocalDate day, LocalDate from, LocalDate to) {
    return day.isBefore(from) || !day.isBefore(to);
  }
}
