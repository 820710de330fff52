package io.kinetic.identity;

import io.kinetic.kernel.contract.identity.Role;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.error.FieldError;
import io.kinetic.kernel.text.EmailAddress;
import io.kinetic.kernel.text.PlainText;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The rules for e-mails, names and passwords of new accounts. */
final class Credentials {

  static final int MIN_PASSWORD = 10;
  static final int MAX_PASSWORD = 200;
  static final int MAX_EMAIL = EmailAddress.MAX_LENGTH;
  static final int MAX_NAME = 100;

  private Credentials() {
  }

  /** The form e-mails are stored and compared in ({@link EmailAddress#normalize}): trimmed, lower case, NFC; "" for null. */
  static String normalizeEmail(String email) {
    return EmailAddress.normalize(email);
  }

  static String normalizeName(String name) {
    return name == null ? "" : name.strip();
  }

  static boolean passwordLengthOk(String password) {
    if (password == null) {
      return false;
    }
    int length = password.codePointCount(0, password.length());
    return length >= MIN_PASSWORD && length <= MAX_PASSWORD;
  }

  /** {@code VALIDATION_FAILED} on {@code roles} unless it names at least one role; empty when all is well. */
  static Optional<Failure> checkRoles(Set<Role> roles) {
    if (roles == null || roles.isEmpty() || roles.stream().anyMatch(Objects::isNull)) {
      return Optional.of(Failure.invalid("roles", "must name at least one role"));
    }
    return Optional.empty();
  }

  /** {@code VALIDATION_FAILED} on {@code email} (normalized) unless it is a well-formed address; empty when it is. */
  static Optional<Failure> checkEmail(String email) {
    if (email.isEmpty()) {
      return Optional.of(Failure.invalid("email", "must not be blank"));
    }
    if (!EmailAddress.isValid(email)) {
      return Optional.of(Failure.invalid("email", "must be a valid e-mail address of at most " + MAX_EMAIL + " characters"));
    }
    return Optional.empty();
  }

  /**
   * The failure for a new account's normalized fields: {@code VALIDATION_FAILED} with every bad
   * field first, then {@code WEAK_PASSWORD}; empty when all is well.
   */
  static Optional<Failure> check(String email, String password, String name) {
    List<FieldError> errors = new ArrayList<>();
    if (email.isEmpty()) {
      errors.add(new FieldError("email", "must not be blank"));
    } else if (!EmailAddress.isValid(email)) {
      errors.add(new FieldError("email", "must be a valid e-mail address of at most " + MAX_EMAIL + " characters"));
    }
    int nameLength = name.codePointCount(0, name.length());
    if (nameLength > 0 && nameLength <= MAX_NAME && PlainText.isBlank(name)) {
      errors.add(new FieldError("name", "must not be blank"));
    } else if (nameLength < 1 || nameLength > MAX_NAME) {
      errors.add(new FieldError("name", "must be 1 to " + MAX_NAME + " characters"));
    } else if (!PlainText.isPlain(name)) {
      errors.add(new FieldError("name", PlainText.MESSAGE));
    }
    if (password == null) {
      errors.add(new FieldError("password", "must not be null"));
    }
    if (!errors.isEmpty()) {
      return Optional.of(Failure.invalid(errors));
    }
    if (!passwordLengthOk(password)) {
      return Optional.of(ErrorCode.WEAK_PASSWORD.failure(
        "password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters"));
    }
    return Optional.empty();
  }
}
