package io.kinetic.gateway.catalog;

import io.kinetic.gateway.Requests;
import io.kinetic.gateway.edge.PageHead;
import io.kinetic.gateway.edge.ShopShell;
import io.kinetic.gateway.openapi.StringRule;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.CategoryView;
import io.kinetic.kernel.contract.catalog.GetProductBySlug;
import io.kinetic.kernel.contract.catalog.ListCategories;
import io.kinetic.kernel.contract.catalog.ListProducts;
import io.kinetic.kernel.contract.catalog.Media;
import io.kinetic.kernel.contract.catalog.ProductSort;
import io.kinetic.kernel.contract.catalog.ProductView;
import io.kinetic.kernel.contract.catalog.Variant;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.money.Money;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The catalogue's clean addresses, rendered on the server for search engines and link previews:
 * {@code /p/<slug>} (a published product: title, description, canonical and {@code hreflang}
 * links, Open Graph, schema.org {@code Product} JSON-LD with its price and availability in the
 * shop's currency) and {@code /c/<slug>} (a category), each a 404 when unknown; {@code sitemap.xml}
 * (home, categories, published products, each with its alternates; built at most every
 * {@value #SITEMAP_SECONDS} s per gateway instance) and {@code robots.txt}. The body is the
 * storefront's page in every case ({@link ShopShell}): the app renders the rest.
 */
final class ShopPages {

  private static final Logger LOG = Logger.getLogger(ShopPages.class.getName());
  static final int SITEMAP_SECONDS = 300;
  /** A sitemap holds at most 50,000 addresses (sitemaps.org); products beyond are left out. */
  static final int SITEMAP_PRODUCTS = 49_000;
  private static final int PAGE = 100;
  private static final int DESCRIPTION_LENGTH = 160;
  private static final Map<String, String> CATEGORY_LINE = Map.of(
    "en", "%s at %s: browse the products, with live prices and stock.",
    "de", "%s bei %s: alle Produkte, mit aktuellen Preisen und Beständen.");
  private static final Map<String, String> NOT_FOUND = Map.of(
    "en", "Not found", "de", "Nicht gefunden");

  private final BusClient bus;
  private final ShopShell shell;
  private final StringRule slugs;
  private final String defaultLocale;
  private final String currency;
  private String sitemap;
  private long sitemapAt;
  private Future<String> building;

  ShopPages(BusClient bus, ShopShell shell, StringRule slugs, String defaultLocale, String currency) {
    this.bus = bus;
    this.shell = shell;
    this.slugs = slugs;
    this.defaultLocale = defaultLocale;
    this.currency = currency;
  }

  void mount(Router router) {
    router.route("/p/:slug").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::product);
    router.route("/c/:slug").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::category);
    router.route("/sitemap.xml").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::sitemap);
    router.route("/robots.txt").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::robots);
  }

  private void product(RoutingContext rc) {
    String locale = ShopShell.pageLocale(rc, defaultLocale);
    String slug = rc.pathParam("slug");
    if (!slugs.accepts(slug)) {
      notFound(rc, locale);
      return;
    }
    bus.request(CatalogApi.GET_PRODUCT_BY_SLUG, new GetProductBySlug(slug, locale, false), Requests.caller(rc))
      .onSuccess(p -> shell.send(rc, 200, productHead(p, locale)))
      .onFailure(t -> failed(rc, locale, t, ErrorCode.PRODUCT_NOT_FOUND));
  }

  PageHead productHead(ProductView p, String locale) {
    String base = shell.shopUrl();
    String path = "/p/" + p.slug();
    String url = address(base, path, locale);
    // staff's SEO title as they wrote it, else the name with the shop's
    String title = p.seo() != null && notBlank(p.seo().title()) ? p.seo().title() : p.name() + " | " + shell.shopName();
    String description = p.seo() != null && notBlank(p.seo().description()) ? p.seo().description() : shorten(p.description());
    String image = p.media() == null || p.media().isEmpty() ? null : absolute(base, p.media().get(0).url());
    Money low = null;
    Money high = null;
    boolean available = false;
    var offers = new JsonArray();
    for (Variant v : p.variants()) {
      available |= v.available() > 0;
      Money price = v.price(currency);
      if (price == null) {
        continue;
      }
      low = low == null || price.amount() < low.amount() ? price : low;
      high = high == null || price.amount() > high.amount() ? price : high;
      offers.add(new JsonObject().put("@type", "Offer").put("sku", v.sku()).put("price", decimal(price))
        .put("priceCurrency", price.currency()).put("url", url)
        .put("availability", "https://schema.org/" + (v.available() > 0 ? "InStock" : "OutOfStock")));
    }
    var ld = new JsonObject().put("@context", "https://schema.org").put("@type", "Product").put("name", p.name())
      .put("url", url).put("productID", p.id().toString());
    if (notBlank(description)) {
      ld.put("description", description);
    }
    if (p.media() != null && !p.media().isEmpty()) {
      ld.put("image", new JsonArray(p.media().stream().map(Media::url).map(u -> absolute(base, u)).toList()));
    }
    if (p.attributes() != null && p.attributes().get("brand") instanceof String brand) {
      ld.put("brand", new JsonObject().put("@type", "Brand").put("name", brand));
    }
    if (offers.size() == 1) {
      ld.put("offers", offers.getJsonObject(0));
    } else if (offers.size() > 1) {
      ld.put("offers", new JsonObject().put("@type", "AggregateOffer").put("priceCurrency", currency)
        .put("lowPrice", decimal(low)).put("highPrice", decimal(high)).put("offerCount", offers.size())
        .put("availability", "https://schema.org/" + (available ? "InStock" : "OutOfStock")).put("offers", offers));
    }
    var og = PageHead.openGraph("og:type", "product", "og:site_name", shell.shopName(), "og:title", p.name(),
      "og:description", description, "og:url", url, "og:image", image, "og:locale", locale,
      "product:price:amount", low == null ? null : decimal(low), "product:price:currency", low == null ? null : currency,
      "product:availability", available ? "in stock" : "out of stock");
    var preview = new StringBuilder("<article class=\"boot ssr-preview\"><h1>").append(PageHead.escape(p.name())).append("</h1>");
    if (low != null) {
      preview.append("<p>").append(PageHead.escape(low.equals(high) ? decimal(low) + " " + currency
        : decimal(low) + " – " + decimal(high) + " " + currency)).append("</p>");
    }
    if (notBlank(p.description())) {
      preview.append("<p>").append(PageHead.escape(p.description())).append("</p>");
    }
    preview.append("</article>");
    return new PageHead(locale, title, description, url, PageHead.alternates(base, path, ShopShell.LOCALES), og, ld.encode(), false,
      preview.toString());
  }

  private void category(RoutingContext rc) {
    String locale = ShopShell.pageLocale(rc, defaultLocale);
    String slug = rc.pathParam("slug");
    bus.request(CatalogApi.LIST_CATEGORIES, new ListCategories(locale, null), Requests.caller(rc))
      .onSuccess(list -> {
        // by slug; an id is the address of earlier versions (the app accepts it too)
        CategoryView found = list.items().stream().filter(c -> c.slug().equals(slug) || c.id().toString().equals(slug))
          .findFirst().orElse(null);
        if (found == null) {
          notFound(rc, locale);
          return;
        }
        String base = shell.shopUrl();
        String path = "/c/" + found.slug();
        String url = address(base, path, locale);
        String description = CATEGORY_LINE.getOrDefault(locale, CATEGORY_LINE.get("en")).formatted(found.name(), shell.shopName());
        var ld = new JsonObject().put("@context", "https://schema.org").put("@type", "CollectionPage").put("name", found.name())
          .put("url", url);
        shell.send(rc, 200, new PageHead(locale, found.name() + " | " + shell.shopName(), description, url,
          PageHead.alternates(base, path, ShopShell.LOCALES), PageHead.openGraph("og:type", "website", "og:site_name",
          shell.shopName(), "og:title", found.name(), "og:description", description, "og:url", url), ld.encode(), false,
          "<article class=\"boot ssr-preview\"><h1>" + PageHead.escape(found.name()) + "</h1></article>"));
      })
      .onFailure(t -> failed(rc, locale, t, ErrorCode.CATEGORY_NOT_FOUND));
  }

  private void notFound(RoutingContext rc, String locale) {
    shell.send(rc, 404, PageHead.private_(locale, NOT_FOUND.getOrDefault(locale, "Not found") + " | " + shell.shopName()));
  }

  /** Not found: the app's 404; the catalog not answering: the app still starts (503, try again soon). */
  private void failed(RoutingContext rc, String locale, Throwable t, ErrorCode notFound) {
    if (Failure.from(t).errorCode() == notFound) {
      notFound(rc, locale);
      return;
    }
    rc.response().putHeader(HttpHeaders.RETRY_AFTER, "5");
    shell.send(rc, 503, PageHead.private_(locale, shell.shopName()));
  }

  // ---- sitemap and robots --------------------------------------------------------------------

  private void sitemap(RoutingContext rc) {
    sitemap(Requests.caller(rc)).onComplete(done -> {
      if (done.failed()) {
        rc.response().setStatusCode(503).putHeader(HttpHeaders.RETRY_AFTER, "30").end();
        return;
      }
      rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/xml; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=" + SITEMAP_SECONDS);
      if (rc.request().method() == HttpMethod.HEAD) {
        rc.response().end();
      } else {
        rc.response().end(done.result());
      }
    });
  }

  /** The sitemap, built again when older than {@value #SITEMAP_SECONDS} s (one build at a time). */
  private Future<String> sitemap(Caller caller) {
    if (sitemap != null && System.currentTimeMillis() - sitemapAt < SITEMAP_SECONDS * 1000L) {
      return Future.succeededFuture(sitemap);
    }
    if (building == null) {
      building = buildSitemap(caller).onComplete(done -> {
        if (done.succeeded()) {
          sitemap = done.result();
          sitemapAt = System.currentTimeMillis();
        } else {
          LOG.warning("the sitemap could not be built: " + done.cause().getMessage());
        }
        building = null;
      });
    }
    return building;
  }

  private Future<String> buildSitemap(Caller caller) {
    String base = shell.shopUrl();
    var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
      .append("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    entry(xml, base, "/", null);
    return bus.request(CatalogApi.LIST_CATEGORIES, new ListCategories(defaultLocale, null), caller).compose(categories -> {
      categories.items().forEach(c -> entry(xml, base, "/c/" + c.slug(), null));
      Promise<String> done = Promise.promise();
      products(xml, base, null, 0, caller, done);
      return done.future();
    });
  }

  private void products(StringBuilder xml, String base, String after, int count, Caller caller, Promise<String> done) {
    bus.request(CatalogApi.LIST_PRODUCTS, new ListProducts(null, Map.of(), null, null, currency, ProductSort.NEWEST, after,
        PAGE, defaultLocale, null), caller)
      .onFailure(done::fail)
      .onSuccess(page -> {
        int n = count;
        for (ProductView p : page.items()) {
          if (n++ >= SITEMAP_PRODUCTS) {
            break;
          }
          entry(xml, base, "/p/" + p.slug(), p.updatedAt() == null ? null : p.updatedAt().toString().substring(0, 10));
        }
        if (page.nextCursor() != null && n < SITEMAP_PRODUCTS) {
          products(xml, base, page.nextCursor(), n, caller, done);
        } else {
          done.complete(xml.append("</urlset>\n").toString());
        }
      });
  }

  private static void entry(StringBuilder xml, String base, String path, String lastModified) {
    xml.append("  <url><loc>").append(PageHead.escape(base + path)).append("</loc>");
    if (lastModified != null) {
      xml.append("<lastmod>").append(lastModified).append("</lastmod>");
    }
    PageHead.alternates(base, path, ShopShell.LOCALES).forEach((locale, href) -> xml
      .append("<xhtml:link rel=\"alternate\" hreflang=\"").append(locale).append("\" href=\"").append(PageHead.escape(href))
      .append("\"/>"));
    xml.append("</url>\n");
  }

  private void robots(RoutingContext rc) {
    String text = """
      User-agent: *
      Allow: /
      Disallow: /admin/
      Disallow: /api/
      Disallow: /graphql
      Disallow: /cart
      Disallow: /wishlist
      Disallow: /checkout
      Disallow: /account
      Disallow: /order/
      Disallow: /search
      Sitemap: %s/sitemap.xml
      """.formatted(shell.shopUrl());
    rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
      .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=3600");
    if (rc.request().method() == HttpMethod.HEAD) {
      rc.response().end();
    } else {
      rc.response().end(text);
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** The page's own address: the locale in the query unless it is the default one. */
  private String address(String base, String path, String locale) {
    return base + path + (locale.equals(defaultLocale) ? "" : "?locale=" + locale);
  }

  private static String absolute(String base, String url) {
    return url.startsWith("http://") || url.startsWith("https://") ? url : base + (url.startsWith("/") ? "" : "/") + url;
  }

  /** Minor units as a decimal in the currency's own digits: 1999 EUR is "19.99". */
  static String decimal(Money money) {
    int digits = Math.max(0, Currency.getInstance(money.currency()).getDefaultFractionDigits());
    return BigDecimal.valueOf(money.amount(), digits).toPlainString();
  }

  /** The first sentence-ish part of a text, at most {@value #DESCRIPTION_LENGTH} characters, cut at a word. */
  static String shorten(String text) {
    if (text == null) {
      return null;
    }
    String plain = text.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim();
    if (plain.length() <= DESCRIPTION_LENGTH) {
      return plain;
    }
    int cut = plain.lastIndexOf(' ', DESCRIPTION_LENGTH - 1);
    return plain.substring(0, cut > 80 ? cut : DESCRIPTION_LENGTH - 1) + "…";
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }
}
