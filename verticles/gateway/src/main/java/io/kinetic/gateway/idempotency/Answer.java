package io.kinetic.gateway.idempotency;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * An answer kept for replay: status, the headers that describe it (content type, {@code Location},
 * {@code ETag}, {@code Set-Cookie}, {@code X-Cart-Token}, caching... everything but the headers of
 * one exchange, see {@link ResponseRecording}) and the body, as JSON before it is sealed.
 */
record Answer(int status, List<String[]> headers, Buffer body) {

  static Answer of(ResponseRecording.Captured captured) {
    return new Answer(captured.status(), captured.headers(), captured.body());
  }

  byte[] toBytes() {
    var headerList = new JsonArray();
    headers.forEach(header -> headerList.add(new JsonArray().add(header[0]).add(header[1])));
    return new JsonObject()
      .put("status", status)
      .put("headers", headerList)
      .put("body", Base64.getEncoder().encodeToString(body.getBytes()))
      .toBuffer().getBytes();
  }

  static Answer fromBytes(byte[] bytes) {
    JsonObject json = Buffer.buffer(bytes).toJsonObject();
    var headers = new ArrayList<String[]>();
    json.getJsonArray("headers").forEach(header -> {
      JsonArray pair = (JsonArray) header;
      headers.add(new String[] {pair.getString(0), pair.getString(1)});
    });
    return new Answer(json.getInteger("status"), headers, Buffer.buffer(Base64.getDecoder().decode(json.getString("body"))));
  }

  /** Writes the answer again on {@code response}, marked {@code Idempotent-Replayed: true}. */
  void replay(HttpServerResponse response) {
    MultiMap out = response.headers();
    // a kept header replaces what this exchange set so far (Cache-Control); repeated ones (Set-Cookie) stay repeated
    headers.forEach(header -> out.remove(header[0]));
    headers.forEach(header -> out.add(header[0], header[1]));
    out.set(IdempotencyKeys.REPLAYED, "true");
    response.setStatusCode(status).end(body);
  }
}
