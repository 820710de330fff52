package io.kinetic.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Content-Security-Policy of the web UI's pages. Scripts run only from this origin, plus the
 * inline scripts of the served pages (their import maps), each allowed by its SHA-256 hash, computed
 * at start-up from the very files the static handler serves (classpath {@code webroot/}, or
 * {@code ./webroot} when started from the project directory). No {@code 'unsafe-eval'}: the UI
 * renders with render functions (htm over Vue's {@code h()}), not Vue's template compiler. No
 * {@code 'unsafe-inline'} for styles either: style bindings set CSSOM properties, which CSP allows.
 */
final class ContentSecurityPolicy {

  /** The pages whose inline scripts are allowed; a page that is missing contributes nothing. */
  static final List<String> PAGES = List.of("webroot/index.html", "webroot/admin/index.html");
  private static final Pattern INLINE_SCRIPT =
    Pattern.compile("<script\\b(?![^>]*\\bsrc\\s*=)[^>]*>(.*?)</script>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

  private ContentSecurityPolicy() {
  }

  /** The header value for the pages in {@link #PAGES}, read with Vert.x's file resolver. */
  static Future<String> load(Vertx vertx) {
    return load(vertx, null);
  }

  /**
   * As {@link #load(Vertx)}; with Stripe configured ({@code stripe} not null), the storefront may also
   * load Stripe.js from its origin, show Stripe's frames (Elements, 3-D Secure) and reach its API.
   */
  static Future<String> load(Vertx vertx, io.kinetic.kernel.config.AppConfig.Stripe stripe) {
    List<Future<Buffer>> pages = PAGES.stream()
      .map(page -> vertx.fileSystem().readFile(page).otherwiseEmpty())
      .toList();
    return Future.all(pages).map(done -> {
      Set<String> hashes = new LinkedHashSet<>();
      for (Future<Buffer> page : pages) {
        if (page.result() != null) {
          hashes.addAll(inlineScriptHashes(page.result().toString(StandardCharsets.UTF_8)));
        }
      }
      return stripe == null || !stripe.configured() ? of(hashes) : of(hashes, origin(stripe.jsUrl()),
        origin(stripe.browserApi()));
    });
  }

  /** {@code scheme://host[:port]} of a URL. */
  static String origin(String url) {
    var uri = java.net.URI.create(url);
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }

  static String of(Set<String> scriptHashes, String stripeJs, String stripeApi) {
    var scripts = new StringBuilder("script-src 'self' ").append(stripeJs);
    scriptHashes.forEach(hash -> scripts.append(" '").append(hash).append('\''));
    return "default-src 'self'; " + scripts + "; style-src 'self'; img-src 'self' data:; connect-src 'self' " + stripeApi + "; "
      + "frame-src " + stripeJs + " https://hooks.stripe.com; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
      + "form-action 'self'";
  }

  static String of(Set<String> scriptHashes) {
    var scripts = new StringBuilder("script-src 'self'");
    scriptHashes.forEach(hash -> scripts.append(" '").append(hash).append('\''));
    return "default-src 'self'; " + scripts + "; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
      + "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
  }

  /** {@code sha256-<base64>} of each inline script's text, exactly as the browser hashes it. */
  static Set<String> inlineScriptHashes(String html) {
    Set<String> hashes = new LinkedHashSet<>();
    Matcher m = INLINE_SCRIPT.matcher(html);
    while (m.find()) {
      hashes.add("sha256-" + Base64.getEncoder().encodeToString(sha256(m.group(1))));
    }
    return hashes;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
