package io.kinetic.gateway.catalog;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * {@code GET /media/placeholder/{name}.svg}: a generated image so that seeded media URLs resolve
 * without internet access. The colour is derived from the name's hash, the caption from the name
 * ({@code linen-shirt-42-1} reads "Linen shirt 42"). Cached by clients for a day.
 */
final class PlaceholderSvg {

  private static final CharSequence SVG = HttpHeaders.createOptimized("image/svg+xml; charset=utf-8");
  private static final CharSequence ONE_DAY = HttpHeaders.createOptimized("public, max-age=86400");
  private static final int MAX_CAPTION = 40;

  private PlaceholderSvg() {
  }

  static void mount(Router router) {
    router.getWithRegex("/media/placeholder/(?<name>[A-Za-z0-9][A-Za-z0-9._-]{0,199})\\.svg").handler(PlaceholderSvg::serve);
  }

  private static void serve(RoutingContext rc) {
    String name = rc.pathParam("name");
    rc.response()
      .putHeader(HttpHeaders.CONTENT_TYPE, SVG)
      .putHeader(HttpHeaders.CACHE_CONTROL, ONE_DAY)
      .end(svg(name));
  }

  static String svg(String name) {
    int hue = Math.floorMod(name.hashCode(), 360);
    String caption = escape(caption(name));
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"600\" viewBox=\"0 0 600 600\" role=\"img\""
      + " aria-label=\"" + caption + "\">"
      + "<rect width=\"600\" height=\"600\" fill=\"hsl(" + hue + ",45%,88%)\"/>"
      + "<circle cx=\"300\" cy=\"250\" r=\"120\" fill=\"hsl(" + hue + ",50%,68%)\"/>"
      + "<rect x=\"150\" y=\"360\" width=\"300\" height=\"24\" rx=\"12\" fill=\"hsl(" + hue + ",50%,78%)\"/>"
      + "<text x=\"300\" y=\"470\" font-family=\"system-ui,-apple-system,Segoe UI,sans-serif\" font-size=\"34\""
      + " fill=\"hsl(" + hue + ",40%,25%)\" text-anchor=\"middle\">" + caption + "</text></svg>";
  }

  /** "linen-shirt-42-1" to "Linen shirt 42": the trailing image number goes, dashes become spaces. */
  static String caption(String name) {
    String base = name.replaceFirst("(?:[-_.]\\d{1,3})$", "");
    String words = base.replace('-', ' ').replace('_', ' ').replace('.', ' ').trim();
    if (words.isEmpty()) {
      words = name;
    }
    if (words.length() > MAX_CAPTION) {
      words = words.substring(0, MAX_CAPTION - 1).trim() + "\u2026";
    }
    return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
