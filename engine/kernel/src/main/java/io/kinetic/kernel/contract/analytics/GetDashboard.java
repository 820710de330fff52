package io.kinetic.kernel.contract.analytics;

import java.time.LocalDate;

/**
 * Reply {@link Dashboard}: the shop's figures for the days {@code from} to {@code to} (both
 * included, UTC days), per {@code granularity} ({@code day} or {@code week}, weeks start on
 * Monday), in {@code currency} (null: the shop's default currency). Fails VALIDATION_FAILED for a
 * missing or reversed range, a range longer than {@value #MAX_DAYS} days, an unknown granularity or
 * a currency that is not an ISO 4217 code.
 */
public record GetDashboard(LocalDate from, LocalDate to, String granularity, String currency) {

  public static final int MAX_DAYS = 732;
}
