package io.kinetic.gateway;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.kinetic.kernel.error.Failure;

/**
 * Picks the locale of a request: {@code ?locale} when given (must look like a language tag, else
 * {@code VALIDATION_FAILED}), else the primary language of the first {@code Accept-Language} tag,
 * else the configured default. The catalog falls back to the product's own default locale.
 */
public final class Locales {

  private static final int MAX_LENGTH = 35;
  private final String defaultLocale;

  public Locales(String defaultLocale) {
    this.defaultLocale = defaultLocale;
  }

  public String defaultLocale() {
    return defaultLocale;
  }

  /** From the {@code locale} query parameter or the headers of {@code request}. */
  public String of(HttpServerRequest request) {
    String explicit = request.query() == null ? null : request.getParam("locale");
    return resolve(explicit, request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
  }

  /** {@code explicit} wins (e.g. a GraphQL argument); null falls back to the header, then the default. */
  public String resolve(String explicit, String acceptLanguage) {
    if (explicit != null) {
      if (!looksLikeTag(explicit)) {
        throw Failure.invalid("locale", "must be a language tag such as en or de-CH");
      }
      return explicit;
    }
    String fromHeader = firstLanguage(acceptLanguage);
    return fromHeader == null ? defaultLocale : fromHeader;
  }

  /** "de-CH,de;q=0.9,en;q=0.8" gives "de"; "*" or garbage gives null. */
  public static String firstLanguage(String header) {
    if (header == null || header.isEmpty()) {
      return null;
    }
    int end = 0;
    while (end < header.length() && header.charAt(end) != ',' && header.charAt(end) != ';'
      && header.charAt(end) != '-' && header.charAt(end) != '_') {
      end++;
    }
    String language = header.substring(0, end).trim();
    if (language.length() < 2 || language.length() > 8) {
      return null;
    }
    for (int i = 0; i < language.length(); i++) {
      char c = language.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
        return null;
      }
    }
    return language.toLowerCase(java.util.Locale.ROOT);
  }

  private static boolean looksLikeTag(String value) {
    if (value.length() < 2 || value.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 1 && ((c >= '0' && c <= '9') || c == '-' || c == '_'));
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
