package io.kinetic.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a url file: {@code [@write] METHOD path [json-body-on-one-line]}. A line tagged
 * {@code @write} is sent with the staff bearer token of the load generator's admin session and
 * measured apart from the reads. Blank and {@code #} lines are skipped.
 */
record RequestLine(HttpMethod method, String path, String body, boolean write) {

  static final String WRITE_TAG = "@write";

  static RequestLine parse(String line) {
    String trimmed = line.strip();
    boolean write = trimmed.startsWith(WRITE_TAG + " ");
    if (write) {
      trimmed = trimmed.substring(WRITE_TAG.length()).stripLeading();
    }
    int firstSpace = trimmed.indexOf(' ');
    if (firstSpace < 0) {
      throw new IllegalArgumentException("expected '[@write] <METHOD> <path> [body]': " + line);
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
    return new RequestLine(method, path, body == null || body.isEmpty() ? null : body, write);
  }

  /** The line as written in a url file. */
  String format() {
    return (write ? WRITE_TAG + " " : "") + method.name() + " " + path + (body == null ? "" : " " + body);
  }

  static RequestLine get(String path) {
    return new RequestLine(HttpMethod.GET, path, null, false);
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
