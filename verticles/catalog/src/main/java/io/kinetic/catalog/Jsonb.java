package io.kinetic.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import io.kinetic.kernel.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON columns: written as text with the engine's mapper, read back from {@code column::text}. */
final class Jsonb {

  private Jsonb() {
  }

  /** JSON text of {@code value}; null stays null (SQL NULL). */
  static String write(Object value) {
    return value == null ? null : Json.string(value);
  }

  static <T> T read(String text, TypeReference<T> type) {
    if (text == null) {
      return null;
    }
    try {
      return Json.MAPPER.readValue(text, type);
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt JSON column", e);
    }
  }
}
