package io.kinetic.catalog;

import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.error.FieldError;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects every invalid field of one input, so a caller learns about all of them at once (up to
 * {@link #MAX}: a hostile input cannot make the reply huge). Text is refused when it holds U+0000,
 * which PostgreSQL text and jsonb cannot store.
 */
final class FieldErrors {

  static final int MAX = 100;

  private final List<FieldError> errors = new ArrayList<>();

  void add(String field, String message) {
    if (errors.size() < MAX) {
      errors.add(new FieldError(field, message));
    }
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  List<FieldError> list() {
    return List.copyOf(errors);
  }

  /** Adds an error unless {@code value} is non-blank and at most {@code max} characters. */
  boolean text(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      add(field, "must not be blank");
      return false;
    }
    return optionalText(field, value, max);
  }

  /** Like {@link #text} for an optional value: null passes. */
  boolean optionalText(String field, String value, int max) {
    if (value == null) {
      return true;
    }
    if (value.length() > max) {
      add(field, "must be at most " + max + " characters");
      return false;
    }
    if (hasNul(value)) {
      add(field, "must not contain the character U+0000");
      return false;
    }
    return true;
  }

  /** True when {@code value} cannot be stored as PostgreSQL text. */
  static boolean hasNul(String value) {
    return value.indexOf('\u0000') >= 0;
  }

  void matches(String field, String value, Pattern pattern, int max, String what) {
    if (text(field, value, max) && !pattern.matcher(value).matches()) {
      add(field, "must be " + what);
    }
  }

  /** A future failed with {@link Failure#invalid(List)} when anything was collected, else null. */
  <T> Future<T> failedOrNull() {
    return errors.isEmpty() ? null : Future.failedFuture(Failure.invalid(list()));
  }

  /** Throws {@link Failure#invalid(List)} when anything was collected (for use inside a future's mapper). */
  void throwIfAny() {
    if (!errors.isEmpty()) {
      throw Failure.invalid(list());
    }
  }

  static String path(String prefix, String field) {
    return prefix.isEmpty() ? field : prefix + "." + field;
  }
}
