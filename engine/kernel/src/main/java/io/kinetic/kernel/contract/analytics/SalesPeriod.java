package io.kinetic.kernel.contract.analytics;

import java.time.LocalDate;

/** The figures of one day, or of one week (from its Monday) cut to the dashboard's range. */
public record SalesPeriod(LocalDate start, SalesFigures figures) {
}
