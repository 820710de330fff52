package io.kinetic.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.error.FieldError;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code application/problem+json} body of every error response (RFC 9457 plus {@code code},
 * {@code correlationId}, the invalid {@code errors} and, for stock failures, the units still {@code available}).
 */
record Problem(String type, String title, int status, String code, String detail, String correlationId,
               List<FieldError> errors,
               @JsonInclude(JsonInclude.Include.NON_NULL) Integer available) {

  private static final String TYPE_PREFIX = "https://kinetic.dev/problems/";
  private static final Map<ErrorCode, String> TYPES = new EnumMap<>(ErrorCode.class);
  private static final Map<ErrorCode, String> TITLES = new EnumMap<>(ErrorCode.class);

  static {
    for (ErrorCode code : ErrorCode.values()) {
      String words = code.name().toLowerCase(Locale.ROOT).replace('_', ' ');
      TYPES.put(code, TYPE_PREFIX + code.name().toLowerCase(Locale.ROOT).replace('_', '-'));
      TITLES.put(code, Character.toUpperCase(words.charAt(0)) + words.substring(1));
    }
  }

  static Problem of(Failure failure, String correlationId) {
    ErrorCode code = failure.errorCode();
    return new Problem(TYPES.get(code), TITLES.get(code), code.httpStatus(), code.string(), failure.detail(),
      correlationId, failure.errors(), failure.available());
  }
}
