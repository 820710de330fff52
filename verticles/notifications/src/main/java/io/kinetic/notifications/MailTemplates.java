package io.kinetic.notifications;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import io.kinetic.kernel.auth.SealedText;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mail templates: {@code classpath:mail/<locale>/<kind>.html} and {@code .txt} (Mustache),
 * the subjects and shared phrases in {@code mail/<locale>/messages.properties}, and one HTML frame
 * ({@code mail/layout.html}) around every HTML body. Values are HTML-escaped in the HTML parts and
 * written as they are in the text parts. Every template sees {@code shopName} and {@code shopUrl};
 * a model with {@code sealedToken} (a password reset) gets {@code resetUrl}, with the token opened
 * only when the mail is delivered, masked when staff look at it.
 */
final class MailTemplates {

  static final List<String> LOCALES = List.of("en", "de");
  static final String MASK = "••••••••";

  /** A mail ready to send. */
  record Rendered(String subject, String text, String html) {
  }

  private final MustacheFactory html = new DefaultMustacheFactory("mail");
  private final MustacheFactory text = new DefaultMustacheFactory("mail") {
    @Override
    public void encode(String value, Writer writer) {
      try {
        writer.write(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };
  private final Map<String, Map<String, String>> messages = new HashMap<>();
  private final Map<String, Mustache> phrases = new ConcurrentHashMap<>();
  private final String shopName;
  private final String shopUrl;
  private final byte[] resetKey;

  /** Loads the phrases of every locale (blocking: call it off the event loop). */
  MailTemplates(String shopName, String shopUrl, byte[] resetKey) {
    this.shopName = shopName;
    this.shopUrl = shopUrl.endsWith("/") ? shopUrl.substring(0, shopUrl.length() - 1) : shopUrl;
    this.resetKey = resetKey.clone();
    for (String locale : LOCALES) {
      messages.put(locale, load("mail/" + locale + "/messages.properties"));
    }
  }

  /** The supported locale for a requested one ({@code de-AT} → {@code de}), else {@code fallback}'s, else English. */
  static String locale(String requested, String fallback) {
    for (String candidate : new String[] {requested, fallback}) {
      if (candidate != null && !candidate.isBlank()) {
        String language = Locale.forLanguageTag(candidate.strip().replace('_', '-')).getLanguage();
        if (LOCALES.contains(language)) {
          return language;
        }
      }
    }
    return "en";
  }

  String subject(String kind, String locale, Map<String, Object> model) {
    return execute(phraseTemplate(locale, "subject." + kind), scope(locale, model, false)).strip();
  }

  /** A phrase of {@code messages.properties} as a (plain-text) template, compiled once. */
  private Mustache phraseTemplate(String locale, String key) {
    return phrases.computeIfAbsent(locale + "/" + key, k -> text.compile(new StringReader(phrase(locale, key)), k));
  }

  /** The subject, text and HTML of a mail; {@code revealSecrets} false masks the reset link. */
  Rendered render(String kind, String locale, String subject, Map<String, Object> model, boolean revealSecrets) {
    Map<String, Object> scope = scope(locale, model, revealSecrets);
    scope.put("subject", subject);
    String footer = execute(phraseTemplate(locale, "footer"), scope).strip();
    scope.put("footer", footer);
    String body = execute(html.compile(locale + "/" + kind + ".html"), scope);
    scope.put("body", body);
    String page = execute(html.compile("layout.html"), scope);
    String plain = execute(text.compile(locale + "/" + kind + ".txt"), scope).strip() + "\n\n-- \n" + footer + "\n";
    return new Rendered(subject, plain, page);
  }

  private Map<String, Object> scope(String locale, Map<String, Object> model, boolean revealSecrets) {
    Map<String, Object> scope = new HashMap<>(plain(model));
    scope.put("shopName", shopName);
    scope.put("shopUrl", shopUrl);
    scope.put("lang", locale);
    Object sealed = model.get("sealedToken");
    if (sealed instanceof String s) {
      scope.remove("sealedToken");
      scope.put("resetUrl", shopUrl + "/reset-password/" + (revealSecrets ? SealedText.open(resetKey, s) : MASK));
    }
    return scope;
  }

  private String phrase(String locale, String key) {
    String phrase = messages.get(locale).get(key);
    if (phrase == null) {
      throw new IllegalStateException("mail/" + locale + "/messages.properties has no " + key);
    }
    return phrase;
  }

  private static String execute(Mustache template, Map<String, Object> scope) {
    var out = new StringWriter();
    template.execute(out, scope);
    return out.toString();
  }

  /** Models come back from jsonb as JsonObject/JsonArray: the templates walk plain maps and lists. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> plain(Map<String, Object> map) {
    Map<String, Object> out = new HashMap<>();
    map.forEach((k, v) -> out.put(k, plainValue(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object plainValue(Object value) {
    if (value instanceof JsonObject o) {
      return plain(o.getMap());
    }
    if (value instanceof Map<?, ?> m) {
      return plain((Map<String, Object>) m);
    }
    if (value instanceof JsonArray a) {
      return plainValue(a.getList());
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(plainValue(v)));
      return out;
    }
    return value;
  }

  private static Map<String, String> load(String resource) {
    try (InputStream in = MailTemplates.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing");
      }
      var properties = new Properties();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, String> out = new HashMap<>();
      properties.stringPropertyNames().forEach(k -> out.put(k, properties.getProperty(k)));
      return Map.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
