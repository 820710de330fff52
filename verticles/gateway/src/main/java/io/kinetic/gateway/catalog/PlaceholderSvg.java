package io.kinetic.gateway.catalog;

import io.kinetic.gateway.edge.PageHead;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * {@code GET /media/placeholder/{name}.svg}: a generated image so that seeded media URLs resolve
 * without internet access: a silhouette of the kind of product the name says (a shirt, trousers, a
 * shoe, a bottle, a bag, a tent, ...; a box otherwise) on a soft backdrop, coloured by the name's
 * hash; the name ({@code linen-shirt-42-1} reads "Linen shirt 42") is its accessible label.
 * Cached by clients for a day.
 */
final class PlaceholderSvg {

  private static final CharSequence SVG = HttpHeaders.createOptimized("image/svg+xml; charset=utf-8");
  private static final CharSequence ONE_DAY = HttpHeaders.createOptimized("public, max-age=86400");
  private static final int MAX_CAPTION = 40;

  private PlaceholderSvg() {
  }

  static void mount(Router router) {
    router.routeWithRegex("/media/placeholder/(?<name>[A-Za-z0-9][A-Za-z0-9._-]{0,199})\\.svg").method(HttpMethod.GET)
      .method(HttpMethod.HEAD).handler(PlaceholderSvg::serve);
  }

  private static void serve(RoutingContext rc) {
    String name = rc.pathParam("name");
    rc.response()
      .putHeader(HttpHeaders.CONTENT_TYPE, SVG)
      .putHeader(HttpHeaders.CACHE_CONTROL, ONE_DAY)
      .end(svg(name));
  }

  /** Product silhouettes (600×600 paths), by the words of a product's name that say what it is. */
  private static final String TOP = "M210 120 L255 100 Q300 135 345 100 L390 120 L470 190 L430 250 L390 220 L390 480 L210 480 L210 220"
    + " L170 250 L130 190 Z";
  private static final String TROUSERS = "M215 110 L385 110 L410 480 L330 480 L300 220 L270 480 L190 480 Z";
  private static final String SHOE = "M120 360 L140 250 Q200 250 230 300 Q300 330 400 330 Q480 335 490 390 L490 410 L120 410 Z";
  private static final String BOTTLE = "M265 100 L335 100 L335 160 Q400 190 400 260 L400 470 Q400 490 380 490 L220 490 Q200 490 200 470"
    + " L200 260 Q200 190 265 160 Z";
  private static final String MUG = "M180 200 L380 200 L380 460 Q380 480 360 480 L200 480 Q180 480 180 460 Z M380 250 Q460 250 460 320"
    + " Q460 390 380 390 L380 360 Q430 360 430 320 Q430 280 380 280 Z";
  private static final String BAG = "M170 230 L430 230 L450 480 L150 480 Z M235 230 Q235 140 300 140 Q365 140 365 230 L340 230"
    + " Q340 165 300 165 Q260 165 260 230 Z";
  private static final String TENT = "M300 120 L500 460 L100 460 Z";
  private static final String HAT = "M160 400 Q160 200 300 200 Q440 200 440 400 Z M120 400 L480 400 L480 430 L120 430 Z";
  private static final String PILLOW = "M140 200 Q300 160 460 200 Q490 320 460 440 Q300 480 140 440 Q110 320 140 200 Z";
  private static final String PAN = "M110 300 A130 130 0 1 0 370 300 A130 130 0 1 0 110 300 Z M370 285 L520 270 L520 330 L370 315 Z";
  private static final String FRAME = "M150 150 L450 150 L450 450 L150 450 Z M190 190 L190 410 L410 410 L410 190 Z";
  private static final String BEAR = "M230 210 A70 70 0 1 0 370 210 A70 70 0 1 0 230 210 Z"
    + " M188 128 A37 37 0 1 0 262 128 A37 37 0 1 0 188 128 Z M338 128 A37 37 0 1 0 412 128 A37 37 0 1 0 338 128 Z"
    + " M300 290 Q400 290 400 390 Q400 480 300 480 Q200 480 200 390 Q200 290 300 290 Z";
  private static final String BAND = "M100 270 L500 270 L500 330 L100 330 Z M420 255 L480 255 L480 345 L420 345 Z";
  private static final String BOX = "M170 200 L430 200 L430 460 L170 460 Z";
  private static final String[][] SHAPES = {
    {"shirt|blouse|polo|jersey|sweater|cardigan|jacket|parka|blazer|romper|bib", TOP},
    {"chinos|jeans|shorts", TROUSERS},
    {"sneaker|trainer|boot|sandal|slide", SHOE},
    {"bottle|shampoo|conditioner|serum|cream|parfum|vase|candle", BOTTLE},
    {"mug", MUG},
    {"pillow|duvet|sleeping", PILLOW},
    {"bag|backpack|wallet|case", BAG},
    {"tent", TENT},
    {"cap|beanie|helmet|hat", HAT},
    {"pan|knife", PAN},
    {"frame|puzzle", FRAME},
    {"teddy|bear", BEAR},
    {"scarf|belt", BAND},
  };

  static String svg(String name) {
    int hue = Math.floorMod(name.hashCode(), 360);
    String caption = PageHead.escape(caption(name));
    // a soft backdrop, a floor shadow and the product's outline: it reads as a photo of a thing, not as text
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"600\" viewBox=\"0 0 600 600\" role=\"img\""
      + " aria-label=\"" + caption + "\">"
      + "<defs><linearGradient id=\"bg\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\"><stop offset=\"0\" stop-color=\"hsl(" + hue
      + ",40%,94%)\"/><stop offset=\"1\" stop-color=\"hsl(" + hue + ",35%,84%)\"/></linearGradient></defs>"
      + "<rect width=\"600\" height=\"600\" fill=\"url(#bg)\"/>"
      + "<ellipse cx=\"300\" cy=\"505\" rx=\"210\" ry=\"22\" fill=\"hsl(" + hue + ",25%,70%)\" opacity=\".45\"/>"
      + "<path d=\"" + shape(name) + "\" fill=\"hsl(" + hue + ",45%,58%)\" fill-rule=\"evenodd\" stroke=\"hsl(" + hue
      + ",40%,42%)\" stroke-width=\"6\" stroke-linejoin=\"round\"/></svg>";
  }

  /** The silhouette for a name: the first shape whose words it holds, else a box. */
  static String shape(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (String[] s : SHAPES) {
      for (String word : s[0].split("\\|")) {
        if (lower.contains(word)) {
          return s[1];
        }
      }
    }
    return BOX;
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

}
