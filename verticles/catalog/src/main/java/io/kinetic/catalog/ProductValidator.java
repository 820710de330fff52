package io.kinetic.catalog;

import io.kinetic.kernel.contract.catalog.Attribute;
import io.kinetic.kernel.contract.catalog.Media;
import io.kinetic.kernel.contract.catalog.ProductInput;
import io.kinetic.kernel.contract.catalog.Translation;
import io.kinetic.kernel.contract.catalog.VariantInput;
import io.kinetic.kernel.money.Money;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Validates product input completely and reports every bad field by its JSON path, e.g.
 * {@code variants[1].prices[0].amount}. Attribute values are checked against their definitions
 * and category ids against the categories that exist, both read by the caller in its transaction.
 */
final class ProductValidator {

  static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(?:-[a-z0-9]+)*$");
  static final Pattern SKU = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");
  static final Pattern LOCALE = Pattern.compile("^[a-z]{2,3}(?:-[A-Z]{2})?$");
  static final int MAX_SLUG = 120;
  static final int MAX_VARIANTS = 100;
  static final int MAX_LIST = 20;
  static final int MAX_ATTRIBUTES = 50;
  /** Below 10^12 minor units: totals of many lines stay exact as JSON numbers (2^53). */
  static final long MAX_AMOUNT = 999_999_999_999L;

  private ProductValidator() {
  }

  /**
   * Which prices a write may set: in a currency the shop sells ({@code sold}: {@code cart.currencies},
   * the default currency first), or one the variant already holds, unchanged ({@code held}, by
   * {@link #skuKey}): a price kept from before its currency left the configuration, which the editor
   * sends back as it is with the product.
   */
  record Prices(List<String> sold, Map<String, Set<Money>> held) {

    /** Only in the currencies sold (a new variant holds nothing yet). */
    static Prices sold(List<String> sold) {
      return new Prices(sold, Map.of());
    }

    boolean allows(String sku, Money price) {
      return sold.contains(price.currency()) || sku != null && held.getOrDefault(skuKey(sku), Set.of()).contains(price);
    }

    String refusal(String currency) {
      return "must be a currency the shop sells (" + String.join(", ", sold) + "; cart.currencies), not " + currency;
    }
  }

  static FieldErrors product(ProductInput in, Map<String, Attribute> definitions, Set<UUID> categories, Prices rule) {
    var errors = new FieldErrors();
    errors.matches("slug", in.slug(), SLUG, MAX_SLUG, "lower-case words of letters and digits joined by '-'");
    if (in.status() == null) {
      errors.add("status", "must not be null");
    }
    if (in.taxClass() != null && !in.taxClass().isBlank() && !in.taxClass().strip().matches("[a-z][a-z0-9_-]{0,39}")) {
      errors.add("taxClass", "must be a lower-case name of up to 40 letters, digits, - and _ (e.g. standard, reduced)");
    }
    translations(errors, in.translations());
    if (errors.text("defaultLocale", in.defaultLocale(), 20)
      && (in.translations() == null || !in.translations().containsKey(in.defaultLocale()))) {
      errors.add("defaultLocale", "must be one of the translations");
    }
    categoryIds(errors, in.categoryIds(), categories);
    attributes(errors, in.attributes(), definitions);
    media(errors, in.media());
    if (in.seo() != null) {
      errors.optionalText("seo.title", in.seo().title(), 200);
      errors.optionalText("seo.description", in.seo().description(), 1000);
    }
    List<VariantInput> variants = in.variants() == null ? List.of() : in.variants();
    if (variants.isEmpty()) {
      errors.add("variants", "must contain at least one variant");
    } else if (variants.size() > MAX_VARIANTS) {
      errors.add("variants", "must contain at most " + MAX_VARIANTS + " variants");
      return errors;
    }
    var skus = new HashSet<String>();
    for (int i = 0; i < variants.size(); i++) {
      variant(errors, "variants[" + i + "]", variants.get(i), skus, rule);
    }
    return errors;
  }

  /**
   * Checks one variant; {@code seen} collects SKUs so duplicates within one input are reported. SKUs
   * are compared regardless of case, as the catalogue keeps them unique ({@link #skuKey}).
   */
  static void variant(FieldErrors errors, String prefix, VariantInput v, Set<String> seen, Prices rule) {
    if (v == null) {
      errors.add(prefix.isEmpty() ? "variant" : prefix, "must not be null");
      return;
    }
    String skuPath = FieldErrors.path(prefix, "sku");
    errors.matches(skuPath, v.sku(), SKU, 64, "1 to 64 letters, digits, '.', '_' or '-'");
    if (v.sku() != null && !seen.add(skuKey(v.sku()))) {
      errors.add(skuPath, "duplicate SKU in this product (SKUs are the same whatever their case)");
    }
    if (v.options() != null) {
      if (v.options().size() > 10) {
        errors.add(FieldErrors.path(prefix, "options"), "must have at most 10 options");
      }
      v.options().forEach((name, value) -> {
        String path = FieldErrors.path(prefix, "options." + name);
        if (name == null || name.isBlank() || name.length() > 50 || FieldErrors.hasNul(name)) {
          errors.add(FieldErrors.path(prefix, "options"), "option names must be 1 to 50 characters");
        } else {
          errors.text(path, value, 100);
        }
      });
    }
    prices(errors, FieldErrors.path(prefix, "prices"), v.sku(), v.prices(), rule);
    if (v.stockOnHand() != null && v.stockOnHand() < 0) {
      errors.add(FieldErrors.path(prefix, "stockOnHand"), "must be 0 or more");
    }
  }

  private static void prices(FieldErrors errors, String path, String sku, List<Money> prices, Prices rule) {
    if (prices == null) {
      return;
    }
    var currencies = new HashSet<String>();
    for (int i = 0; i < prices.size(); i++) {
      String at = path + "[" + i + "]";
      Money price = prices.get(i);
      if (price == null) {
        errors.add(at, "must not be null");
      } else {
        amount(errors, at + ".amount", price.amount());
      }
      if (price != null && !currencies.add(price.currency())) {
        errors.add(at + ".currency", "only one price per currency");
      } else if (price != null && !rule.allows(sku, price)) {
        errors.add(at + ".currency", rule.refusal(price.currency()));
      }
    }
  }

  /** What makes two SKUs the same: their lower case ({@code ABC-1} is {@code abc-1}), as the index on {@code lower(sku)}. */
  static String skuKey(String sku) {
    return sku.toLowerCase(Locale.ROOT);
  }

  /** Adds an error unless {@code amount} is between 0 and {@link #MAX_AMOUNT}. */
  static void amount(FieldErrors errors, String field, long amount) {
    if (amount < 0 || amount > MAX_AMOUNT) {
      errors.add(field, "must be between 0 and " + MAX_AMOUNT);
    }
  }

  private static void translations(FieldErrors errors, Map<String, Translation> translations) {
    if (translations == null || translations.isEmpty()) {
      errors.add("translations", "must contain at least one locale");
      return;
    }
    if (translations.size() > MAX_LIST) {
      errors.add("translations", "must contain at most " + MAX_LIST + " locales");
      return;
    }
    translations.forEach((locale, t) -> {
      String path = "translations." + locale;
      if (locale == null || !LOCALE.matcher(locale).matches()) {
        errors.add(path, "must be keyed by a locale such as 'en' or 'de-CH'");
      } else if (t == null) {
        errors.add(path, "must not be null");
      } else {
        errors.text(path + ".name", t.name(), 200);
        errors.optionalText(path + ".description", t.description(), 10_000);
      }
    });
  }

  private static void categoryIds(FieldErrors errors, List<UUID> ids, Set<UUID> existing) {
    if (ids == null) {
      return;
    }
    if (ids.size() > MAX_LIST) {
      errors.add("categoryIds", "must contain at most " + MAX_LIST + " categories");
      return;
    }
    var seen = new HashSet<UUID>();
    for (int i = 0; i < ids.size(); i++) {
      UUID id = ids.get(i);
      String path = "categoryIds[" + i + "]";
      if (id == null) {
        errors.add(path, "must not be null");
      } else if (!seen.add(id)) {
        errors.add(path, "duplicate category");
      } else if (!existing.contains(id)) {
        errors.add(path, "no such category");
      }
    }
  }

  private static void attributes(FieldErrors errors, Map<String, Object> values, Map<String, Attribute> definitions) {
    if (values == null) {
      return;
    }
    if (values.size() > MAX_ATTRIBUTES) {
      errors.add("attributes", "must contain at most " + MAX_ATTRIBUTES + " attributes");
      return;
    }
    values.forEach((code, value) -> {
      String path = "attributes." + code;
      Attribute definition = definitions.get(code);
      if (definition == null) {
        errors.add(path, "no such attribute");
      } else {
        String problem = AttributeValues.problem(definition, value);
        if (problem != null) {
          errors.add(path, problem);
        }
      }
    });
  }

  private static void media(FieldErrors errors, List<Media> media) {
    if (media == null) {
      return;
    }
    if (media.size() > MAX_LIST) {
      errors.add("media", "must contain at most " + MAX_LIST + " items");
      return;
    }
    for (int i = 0; i < media.size(); i++) {
      String path = "media[" + i + "]";
      if (media.get(i) == null) {
        errors.add(path, "must not be null");
      } else {
        String url = media.get(i).url();
        if (errors.text(path + ".url", url, 2048) && !isMediaUrl(url)) {
          errors.add(path + ".url", "must be an http:// or https:// URL, or a path of this shop's media (/media/...)");
        }
        errors.optionalText(path + ".alt", media.get(i).alt(), 300);
      }
    }
  }

  /**
   * Whether a product image may be at {@code url}: an absolute http(s) URL with a host, or a path
   * of this site (the engine's own {@code /media/}, what an upload answers, or another path a
   * catalogue import used), without {@code ..} segments. Anything else (a {@code javascript:} or
   * {@code data:} URL, a protocol-relative {@code //host}, text that is no URL) would end up in the
   * storefront's {@code img src} and {@code og:image}.
   */
  static boolean isMediaUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return false;
    }
    if (uri.getScheme() == null) {
      // a path of this site (the shop's /media/, or images a catalogue import placed elsewhere on it)
      return uri.getRawAuthority() == null && uri.getRawPath() != null && uri.getRawPath().startsWith("/")
        && !uri.getRawPath().startsWith("//") && uri.normalize().getRawPath().equals(uri.getRawPath())
        && !hasDotSegment(uri.getPath());
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    return (scheme.equals("http") || scheme.equals("https")) && uri.getRawAuthority() != null && !uri.getRawAuthority().isEmpty();
  }

  /**
   * Whether a decoded path has a "." or ".." segment: browsers resolve percent-encoded ones too
   * ({@code /media/%2e%2e/api} is {@code /api} to them), which the raw path's normalization misses.
   */
  private static boolean hasDotSegment(String decodedPath) {
    for (String segment : decodedPath.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return true;
      }
    }
    return false;
  }
}
