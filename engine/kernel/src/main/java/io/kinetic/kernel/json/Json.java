package io.kinetic.kernel.json;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kinetic.kernel.contract.cart.CartView;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one Jackson mapper of the engine: ISO-8601 instants, unknown properties rejected (so an
 * unknown field in a request is a clear 400, not silently dropped), records supported.
 */
public final class Json {

  public static final ObjectMapper MAPPER = JsonMapper.builder()
    .addModule(new JavaTimeModule())
    // records are serialized by their components only: helpers such as Money.isNegative() are not properties
    .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
    // the answer of every cart request, written by hand: the same JSON as the record serializer's
    .addModule(new SimpleModule("kinetic-fast-writers").addSerializer(CartView.class, new CartViewJson()))
    .build();

  private Json() {
  }

  public static Buffer encode(Object value) {
    try {
      return Buffer.buffer(MAPPER.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + value.getClass().getName(), e);
    }
  }

  public static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + value.getClass().getName(), e);
    }
  }

  public static String string(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + value.getClass().getName(), e);
    }
  }

  /** Decodes JSON; a malformed or mistyped document throws {@link IOException} subclasses from Jackson. */
  public static <T> T decode(byte[] bytes, Class<T> type) throws IOException {
    return MAPPER.readValue(bytes, type);
  }

  public static <T> T decode(String text, Class<T> type) {
    try {
      return MAPPER.readValue(text, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
