package io.kinetic.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One line of a url file: `GET <path>` or `POST <path> <json-body-on-one-line>`. Blank and `#` lines are skipped. */
record RequestLine(HttpMethod method, String path, String body) {

  static RequestLine parse(String line) {
    String trimmed = line.strip();
    int firstSpace = trimmed.indexOf(' ');
    if (firstSpace < 0) {
      throw new IllegalArgumentException("expected '<METHOD> <path> [body]': " + line);
    }
    HttpMethod method = HttpMethod.valueOf(trimmed.substring(0, firstSpace).toUpperCase());
    String rest = trimmed.substring(firstSpace + 1).stripLeading();
    int secondSpace = rest.indexOf(' ');
    String path = secondSpace < 0 ? rest : rest.substring(0, secondSpace);
    String body = secondSpace < 0 ? null : rest.substring(secondSpace + 1).strip();
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with '/': " + line);
    }
    if (method == HttpMethod.GET && body != null) {
      throw new IllegalArgumentException("GET line must not carry a body: " + line);
    }
    return new RequestLine(method, path, body == null || body.isEmpty() ? null : body);
  }

  /** A fresh buffer per send: buffers are not safe to share between event loops. */
  Buffer bodyBuffer() {
    return Buffer.buffer(body, "UTF-8");
  }

  static List<RequestLine> load(Path file) throws IOException {
    List<RequestLine> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank() && !line.stripLeading().startsWith("#")) {
        lines.add(parse(line));
      }
    }
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("no requests in " + file);
    }
    return List.copyOf(lines);
  }
}
