package io.kinetic.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * The web UI's scripts and styles (and SVGs) gzip-compressed and with a strong ETag (a hash of
 * their content), in front of the static handler: the server's own HTTP compression stays off
 * (the API's small JSON answers would pay for it on every request), and a file is compressed once
 * per process and content, not per request. A file is read again when its modification time moves
 * (a developer's ./webroot). {@code If-None-Match} with the current ETag is a 304. Files that do
 * not exist, and other kinds, go on to the static handler.
 */
final class CompressedFiles {

  private static final long MAX_FILE = 2 * 1024 * 1024;

  private record Entry(long modified, String etag, Buffer plain, Buffer gzip) {
  }

  private final Vertx vertx;
  private final String root;
  private final String prefix;
  private final long maxAgeSeconds;
  private final Map<String, Entry> files = new ConcurrentHashMap<>();

  /** Files of {@code root} (classpath or directory) at the paths after {@code prefix} ("" for none). */
  CompressedFiles(Vertx vertx, String root, String prefix, long maxAgeSeconds) {
    this.vertx = vertx;
    this.root = root;
    this.prefix = prefix;
    this.maxAgeSeconds = maxAgeSeconds;
  }

  void handle(RoutingContext rc) {
    String path = rc.normalizedPath();
    String type = type(path);
    if (type == null || !path.startsWith(prefix + "/") || path.contains("..") || path.contains("//")) {
      rc.next();
      return;
    }
    String file = root + path.substring(prefix.length());
    entry(file).onComplete(found -> {
      if (found.failed() || found.result() == null) {
        rc.next();
        return;
      }
      Entry e = found.result();
      var response = rc.response()
        .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=" + maxAgeSeconds)
        .putHeader(HttpHeaders.ETAG, e.etag())
        .putHeader(HttpHeaders.VARY, "Accept-Encoding");
      String match = rc.request().getHeader(HttpHeaders.IF_NONE_MATCH);
      if (match != null && (match.equals(e.etag()) || match.equals("W/" + e.etag()))) {
        response.setStatusCode(304).end();
        return;
      }
      String accepts = rc.request().getHeader(HttpHeaders.ACCEPT_ENCODING);
      boolean gzip = accepts != null && accepts.contains("gzip") && e.gzip().length() < e.plain().length();
      Buffer body = gzip ? e.gzip() : e.plain();
      response.putHeader(HttpHeaders.CONTENT_TYPE, type);
      if (gzip) {
        response.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
      }
      if (rc.request().method() == HttpMethod.HEAD) {
        response.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length())).end();
      } else {
        response.end(body);
      }
    });
  }

  /** The file's entry (read and compressed when new or changed), or null when there is no such file. */
  private Future<Entry> entry(String file) {
    return vertx.fileSystem().props(file).otherwiseEmpty().compose(props -> {
      if (props == null || !props.isRegularFile() || props.size() > MAX_FILE) {
        return Future.succeededFuture(null);
      }
      Entry kept = files.get(file);
      if (kept != null && kept.modified() == props.lastModifiedTime()) {
        return Future.succeededFuture(kept);
      }
      return vertx.fileSystem().readFile(file).compose(plain -> vertx.executeBlocking(() -> {
        var entry = new Entry(props.lastModifiedTime(), etag(plain), plain, Buffer.buffer(gzip(plain.getBytes())));
        files.put(file, entry);
        return entry;
      }, false));
    });
  }

  /** The content type of the kinds of files compressed here; null for others. */
  static String type(String path) {
    if (path.endsWith(".js") || path.endsWith(".mjs")) {
      return "text/javascript; charset=utf-8";
    }
    if (path.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    if (path.endsWith(".svg")) {
      return "image/svg+xml";
    }
    if (path.endsWith(".map") || path.endsWith(".json")) {
      return "application/json; charset=utf-8";
    }
    return null;
  }

  private static String etag(Buffer content) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(content.getBytes());
      return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] gzip(byte[] plain) {
    var out = new ByteArrayOutputStream(plain.length / 3 + 64);
    try (var gz = new GZIPOutputStream(out) {
      {
        def.setLevel(9);
      }
    }) {
      gz.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
