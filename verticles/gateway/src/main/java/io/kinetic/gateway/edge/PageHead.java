package io.kinetic.gateway.edge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the server writes into a storefront page's {@code <head>} before the app starts: the title,
 * the description, the canonical address, one {@code hreflang} alternate per locale (and
 * {@code x-default}), Open Graph properties, an optional JSON-LD block (schema.org) and, for pages
 * search engines should skip (cart, account, search results, unknown addresses), {@code noindex}.
 * Every value is escaped when written; the JSON-LD is written so that no {@code </script>} can end
 * it early.
 *
 * @param lang the page's language ({@code <html lang>})
 * @param alternates locale (or {@code x-default}) to absolute address
 * @param openGraph property (e.g. {@code og:title}) to content, in order
 * @param jsonLd a JSON document, or null
 * @param preview what the page shows until the app has started (and what a reader without scripts
 *                sees), as HTML whose texts are escaped already ({@link #escape}); null: the page's own
 */
public record PageHead(String lang, String title, String description, String canonical, Map<String, String> alternates,
                       Map<String, String> openGraph, String jsonLd, boolean noindex, String preview) {

  /** A page search engines should not index, with a title only. */
  public static PageHead private_(String lang, String title) {
    return new PageHead(lang, title, null, null, Map.of(), Map.of(), null, true, null);
  }

  /** The head's tags, one per line, indented for the shell. */
  public String html() {
    var out = new StringBuilder();
    out.append("<title>").append(escape(title)).append("</title>\n");
    if (description != null && !description.isBlank()) {
      out.append("  <meta name=\"description\" content=\"").append(escape(description)).append("\">\n");
    }
    if (noindex) {
      out.append("  <meta name=\"robots\" content=\"noindex\">\n");
    }
    if (canonical != null) {
      out.append("  <link rel=\"canonical\" href=\"").append(escape(canonical)).append("\">\n");
    }
    alternates.forEach((locale, href) -> out.append("  <link rel=\"alternate\" hreflang=\"").append(escape(locale))
      .append("\" href=\"").append(escape(href)).append("\">\n"));
    openGraph.forEach((property, content) -> {
      if (content != null) {
        out.append("  <meta property=\"").append(escape(property)).append("\" content=\"").append(escape(content)).append("\">\n");
      }
    });
    if (jsonLd != null) {
      out.append("  <script type=\"application/ld+json\">").append(scriptSafe(jsonLd)).append("</script>\n");
    }
    return out.toString().stripTrailing();
  }

  /** Ordered Open Graph properties from pairs (property, content, ...); null contents are left out. */
  public static Map<String, String> openGraph(String... pairs) {
    var map = new LinkedHashMap<String, String>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        map.put(pairs[i], pairs[i + 1]);
      }
    }
    return map;
  }

  /**
   * The alternates of a page at {@code base + path}: {@code x-default} without a locale, each of
   * {@code locales} with {@code ?locale=}.
   */
  public static Map<String, String> alternates(String base, String path, List<String> locales) {
    var map = new LinkedHashMap<String, String>();
    for (String locale : locales) {
      map.put(locale, base + path + "?locale=" + locale);
    }
    map.put("x-default", base + path);
    return map;
  }

  /** Text for an HTML text node or a double-quoted attribute. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    var out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** JSON inside a script element: {@code <}, {@code >} and {@code &} as JSON escapes (same value, no markup). */
  static String scriptSafe(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
  }
}
