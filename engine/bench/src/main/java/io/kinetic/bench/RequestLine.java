package io.kinetic.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One line of a url file: {@code [@write|@staff] [@header:Name=value ...] METHOD path [json-body-on-one-line]}.
 * A line tagged {@code @write} is sent with the staff bearer token of the load generator's admin
 * session and measured apart from the reads; one tagged {@code @staff} is a read sent with that token
 * (the admin dashboard). Each {@code @header:Name=value} tag sends that header
 * with the request (a guest cart's {@code X-Cart-Token}); a value holds no whitespace. Blank and
 * {@code #} lines are skipped. Each {@value #FRESH_ID} in a body is a new random UUID at every send.
 */
record RequestLine(HttpMethod method, String path, String body, boolean write, Map<String, String> headers, boolean staff) {

  static final String WRITE_TAG = "@write";
  static final String STAFF_TAG = "@staff";
  static final String HEADER_TAG = "@header:";
  /** In a body, replaced by a new random UUID at every send (ids that must be new each time: behaviour events). */
  static final String FRESH_ID = "{{uuid}}";
  private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
  private static final Pattern HEADER_VALUE = Pattern.compile("\\S+");

  RequestLine {
    if (headers == null || headers.isEmpty()) {
      headers = Map.of();
    } else {
      headers.forEach(RequestLine::checkHeader);
      headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }
  }

  RequestLine(HttpMethod method, String path, String body, boolean write) {
    this(method, path, body, write, Map.of());
  }

  RequestLine(HttpMethod method, String path, String body, boolean write, Map<String, String> headers) {
    this(method, path, body, write, headers, false);
  }

  /** A read of the admin API, sent with the staff token. */
  static RequestLine staffGet(String path) {
    return new RequestLine(HttpMethod.GET, path, null, false, Map.of(), true);
  }

  /** Whether the line is sent with the staff bearer token. */
  boolean needsStaff() {
    return write || staff;
  }

  static RequestLine parse(String line) {
    String rest = line.strip();
    boolean write = false;
    boolean staff = false;
    Map<String, String> headers = new LinkedHashMap<>();
    while (rest.startsWith("@")) {
      int space = rest.indexOf(' ');
      if (space < 0) {
        throw new IllegalArgumentException("expected '[@write] [@header:Name=value] <METHOD> <path> [body]': " + line);
      }
      String tag = rest.substring(0, space);
      if (tag.equals(WRITE_TAG)) {
        write = true;
      } else if (tag.equals(STAFF_TAG)) {
        staff = true;
      } else if (tag.startsWith(HEADER_TAG) && tag.indexOf('=') > HEADER_TAG.length()) {
        int eq = tag.indexOf('=');
        headers.put(tag.substring(HEADER_TAG.length(), eq), tag.substring(eq + 1));
      } else {
        throw new IllegalArgumentException("unknown tag '" + tag + "' (known: @write, @staff, @header:Name=value): " + line);
      }
      rest = rest.substring(space + 1).stripLeading();
    }
    int firstSpace = rest.indexOf(' ');
    if (firstSpace < 0) {
      throw new IllegalArgumentException("expected '[@write] [@header:Name=value] <METHOD> <path> [body]': " + line);
    }
    HttpMethod method = HttpMethod.valueOf(rest.substring(0, firstSpace).toUpperCase());
    rest = rest.substring(firstSpace + 1).stripLeading();
    int secondSpace = rest.indexOf(' ');
    String path = secondSpace < 0 ? rest : rest.substring(0, secondSpace);
    String body = secondSpace < 0 ? null : rest.substring(secondSpace + 1).strip();
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with '/': " + line);
    }
    if (method == HttpMethod.GET && body != null) {
      throw new IllegalArgumentException("GET line must not carry a body: " + line);
    }
    return new RequestLine(method, path, body == null || body.isEmpty() ? null : body, write, headers, staff);
  }

  /** The line as written in a url file. */
  String format() {
    var text = new StringBuilder();
    if (write) {
      text.append(WRITE_TAG).append(' ');
    }
    if (staff) {
      text.append(STAFF_TAG).append(' ');
    }
    headers.forEach((name, value) -> text.append(HEADER_TAG).append(name).append('=').append(value).append(' '));
    text.append(method.name()).append(' ').append(path);
    if (body != null) {
      text.append(' ').append(body);
    }
    return text.toString();
  }

  static RequestLine get(String path) {
    return new RequestLine(HttpMethod.GET, path, null, false);
  }

  /** This line with one more header. */
  RequestLine withHeader(String name, String value) {
    var more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new RequestLine(method, path, body, write, more, staff);
  }

  /**
   * A fresh buffer per send: buffers are not safe to share between event loops. Each
   * {@value #FRESH_ID} of the body becomes a new random UUID.
   */
  Buffer bodyBuffer() {
    if (!body.contains(FRESH_ID)) {
      return Buffer.buffer(body, "UTF-8");
    }
    var text = new StringBuilder(body.length() + 64);
    int from = 0;
    int at;
    var random = java.util.concurrent.ThreadLocalRandom.current();
    while ((at = body.indexOf(FRESH_ID, from)) >= 0) {
      text.append(body, from, at);
      long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
      long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
      text.append(new java.util.UUID(msb, lsb));
      from = at + FRESH_ID.length();
    }
    text.append(body, from, body.length());
    return Buffer.buffer(text.toString(), "UTF-8");
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

  private static void checkHeader(String name, String value) {
    if (name == null || !HEADER_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid header name: " + name);
    }
    if (value == null || !HEADER_VALUE.matcher(value).matches()) {
      throw new IllegalArgumentException("header " + name + ": the value must be non-empty and hold no whitespace");
    }
  }
}
