package io.kinetic.kernel.bus;

import io.kinetic.kernel.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Event-bus codec for an immutable message record: delivered as the same instance inside one JVM
 * (zero copy), and as JSON between cluster nodes. Between nodes, fields this node does not know are
 * ignored: during a rolling deploy a newer node's messages (an event that says more, say) still
 * reach the older ones. Requests from outside are checked at the edge, not here.
 */
public final class RecordCodec<T> implements MessageCodec<T, T> {

  private static final com.fasterxml.jackson.databind.ObjectMapper WIRE = Json.MAPPER.copy()
    .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Class<T> type;

  public RecordCodec(Class<T> type) {
    this.type = type;
  }

  @Override
  public void encodeToWire(Buffer buffer, T value) {
    byte[] bytes = Json.bytes(value);
    buffer.appendInt(bytes.length).appendBytes(bytes);
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    try {
      return WIRE.readValue(buffer.getBytes(pos + 4, pos + 4 + length), type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode " + type.getName(), e);
    }
  }

  @Override
  public T transform(T value) {
    return value;
  }

  @Override
  public String name() {
    return "record:" + type.getName();
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
