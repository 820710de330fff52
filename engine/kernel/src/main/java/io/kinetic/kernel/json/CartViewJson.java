package io.kinetic.kernel.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.kinetic.kernel.contract.cart.CartLineView;
import io.kinetic.kernel.contract.cart.CartView;
import io.kinetic.kernel.contract.catalog.Media;
import io.kinetic.kernel.money.Money;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a {@link CartView} (the answer of every cart request, adds included) straight to the
 * generator: the same JSON, field for field and in the same order, as Jackson's record serializer
 * writes (a test compares them), without its reflective accessor calls per property and with
 * instants formatted without a {@code DateTimeFormatter}. Registered on {@link Json#MAPPER}.
 */
final class CartViewJson extends StdSerializer<CartView> {

  private static final SerializableString ID = name("id"), TOKEN = name("token"), CUSTOMER_ID = name("customerId"),
    CURRENCY = name("currency"), LINES = name("lines"), ITEM_COUNT = name("itemCount"), SUBTOTAL = name("subtotal"),
    HAS_CHANGES = name("hasChanges"), RESERVED_UNTIL = name("reservedUntil"), EXPIRES_AT = name("expiresAt"),
    UPDATED_AT = name("updatedAt"), VERSION = name("version");
  private static final SerializableString VARIANT_ID = name("variantId"), SKU = name("sku"), PRODUCT_ID = name("productId"),
    PRODUCT_SLUG = name("productSlug"), PRODUCT_NAME = name("productName"), OPTIONS = name("options"), IMAGE = name("image"),
    QUANTITY = name("quantity"), RESERVED = name("reserved"), AVAILABLE = name("available"), UNIT_PRICE = name("unitPrice"),
    LINE_TOTAL = name("lineTotal"), PRICE_CHANGED = name("priceChanged"), PREVIOUS_UNIT_PRICE = name("previousUnitPrice"),
    UNAVAILABLE = name("unavailable"), UNAVAILABLE_REASON = name("unavailableReason"),
    INSUFFICIENT_STOCK = name("insufficientStock"), ADDED_AT = name("addedAt"), TAX_CLASS = name("taxClass");
  private static final SerializableString AMOUNT = name("amount"), URL = name("url"), ALT = name("alt");

  CartViewJson() {
    super(CartView.class);
  }

  @Override
  public void serialize(CartView cart, JsonGenerator g, SerializerProvider provider) throws IOException {
    g.writeStartObject();
    g.writeFieldName(ID);
    uuid(g, cart.id());
    g.writeFieldName(TOKEN);
    string(g, cart.token());
    g.writeFieldName(CUSTOMER_ID);
    uuid(g, cart.customerId());
    g.writeFieldName(CURRENCY);
    string(g, cart.currency());
    g.writeFieldName(LINES);
    if (cart.lines() == null) {
      g.writeNull();
    } else {
      g.writeStartArray();
      for (CartLineView line : cart.lines()) {
        line(g, line);
      }
      g.writeEndArray();
    }
    g.writeFieldName(ITEM_COUNT);
    g.writeNumber(cart.itemCount());
    g.writeFieldName(SUBTOTAL);
    money(g, cart.subtotal());
    g.writeFieldName(HAS_CHANGES);
    g.writeBoolean(cart.hasChanges());
    g.writeFieldName(RESERVED_UNTIL);
    instant(g, cart.reservedUntil());
    g.writeFieldName(EXPIRES_AT);
    instant(g, cart.expiresAt());
    g.writeFieldName(UPDATED_AT);
    instant(g, cart.updatedAt());
    g.writeFieldName(VERSION);
    g.writeNumber(cart.version());
    g.writeEndObject();
  }

  private static void line(JsonGenerator g, CartLineView line) throws IOException {
    if (line == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    if (plainUtf8(g) && line.variantId() != null) {
      // the variant's part as bytes written before; it ends with a comma, so the generator's
      // "first field" writes the next one without another
      g.writeRaw(StaticPart.of(line));
    } else {
      staticPart(g, line);
    }
    g.writeFieldName(QUANTITY);
    g.writeNumber(line.quantity());
    g.writeFieldName(RESERVED);
    g.writeNumber(line.reserved());
    g.writeFieldName(AVAILABLE);
    g.writeNumber(line.available());
    g.writeFieldName(RESERVED_UNTIL);
    instant(g, line.reservedUntil());
    g.writeFieldName(UNIT_PRICE);
    money(g, line.unitPrice());
    g.writeFieldName(LINE_TOTAL);
    money(g, line.lineTotal());
    g.writeFieldName(PRICE_CHANGED);
    g.writeBoolean(line.priceChanged());
    g.writeFieldName(PREVIOUS_UNIT_PRICE);
    money(g, line.previousUnitPrice());
    g.writeFieldName(UNAVAILABLE);
    g.writeBoolean(line.unavailable());
    g.writeFieldName(UNAVAILABLE_REASON);
    string(g, line.unavailableReason());
    g.writeFieldName(INSUFFICIENT_STOCK);
    g.writeBoolean(line.insufficientStock());
    g.writeFieldName(ADDED_AT);
    instant(g, line.addedAt());
    g.writeFieldName(TAX_CLASS);
    string(g, line.taxClass());
    g.writeEndObject();
  }

  /** The mapper's own UTF-8 generator as it comes (the bytes kept per variant were written by one like it). */
  private static boolean plainUtf8(JsonGenerator g) {
    return g.getClass() == UTF8JsonGenerator.class && g.getPrettyPrinter() == null && g.getCharacterEscapes() == null
      && g.getHighestEscapedChar() == 0;
  }

  /** A line's fields that come from its variant alone (ids, SKU, slug, name, options, image), in order. */
  private static void staticPart(JsonGenerator g, CartLineView line) throws IOException {
    g.writeFieldName(VARIANT_ID);
    uuid(g, line.variantId());
    g.writeFieldName(SKU);
    string(g, line.sku());
    g.writeFieldName(PRODUCT_ID);
    uuid(g, line.productId());
    g.writeFieldName(PRODUCT_SLUG);
    string(g, line.productSlug());
    g.writeFieldName(PRODUCT_NAME);
    string(g, line.productName());
    g.writeFieldName(OPTIONS);
    if (line.options() == null) {
      g.writeNull();
    } else {
      g.writeStartObject();
      for (Map.Entry<String, String> option : line.options().entrySet()) {
        g.writeFieldName(option.getKey());
        string(g, option.getValue());
      }
      g.writeEndObject();
    }
    g.writeFieldName(IMAGE);
    Media image = line.image();
    if (image == null) {
      g.writeNull();
    } else {
      g.writeStartObject();
      g.writeFieldName(URL);
      string(g, image.url());
      g.writeFieldName(ALT);
      string(g, image.alt());
      g.writeEndObject();
    }
  }

  /**
   * The UTF-8 bytes of a line's {@link #staticPart}, kept per variant while its values stay the
   * same (checked by identity first: the cart prices its lines from the same cached variants), so
   * an answer does not escape and encode a variant's strings again on every request. Only for the
   * UTF-8 generator of HTTP answers and the bus; a character writer writes everything itself.
   */
  private record StaticPart(UUID variantId, String sku, UUID productId, String productSlug, String productName,
                            Map<String, String> options, Media image, SerializableString utf8) {

    private static final int MAX_ENTRIES = 50_000;
    private static final Map<UUID, StaticPart> KNOWN = new ConcurrentHashMap<>();

    static SerializableString of(CartLineView line) throws IOException {
      StaticPart part = KNOWN.get(line.variantId());
      if (part != null && part.sameAs(line)) {
        if (!part.identicalTo(line)) {
          // equal values in other objects (the cart asked the catalog again): keep these, so the
          // next answers find them by identity instead of comparing every field again
          KNOWN.put(line.variantId(), new StaticPart(line.variantId(), line.sku(), line.productId(), line.productSlug(),
            line.productName(), line.options(), line.image(), part.utf8));
        }
        return part.utf8;
      }
      var out = new ByteArrayOutputStream(256);
      try (JsonGenerator p = Json.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
        p.writeStartObject();
        staticPart(p, line);
        p.writeEndObject();
      }
      byte[] bytes = out.toByteArray(); // {"variantId":...,"image":...}
      byte[] inner = new byte[bytes.length - 1]; // "variantId":...,"image":...,
      System.arraycopy(bytes, 1, inner, 0, bytes.length - 2);
      inner[inner.length - 1] = ',';
      String text = new String(inner, StandardCharsets.UTF_8); // Jackson writes valid UTF-8 (it escapes a lone surrogate)
      if (KNOWN.size() >= MAX_ENTRIES) {
        KNOWN.clear();
      }
      var fresh = new StaticPart(line.variantId(), line.sku(), line.productId(), line.productSlug(), line.productName(),
        line.options(), line.image(), new SerializedString(text));
      KNOWN.put(line.variantId(), fresh);
      return fresh.utf8;
    }

    /** Found under the line's variant id, so that one is equal already (and never the same object: parsed per reply). */
    boolean sameAs(CartLineView other) {
      return same(sku, other.sku())
        && same(productId, other.productId()) && same(productSlug, other.productSlug())
        && same(productName, other.productName()) && same(options, other.options())
        && same(image, other.image());
    }

    /** The same objects (not only equal ones) for the fields that hold objects the catalog's answer shares. */
    boolean identicalTo(CartLineView other) {
      return sku == other.sku() && productSlug == other.productSlug() && productName == other.productName()
        && options == other.options() && image == other.image();
    }

    private static boolean same(Object a, Object b) {
      return a == b || a != null && a.equals(b);
    }
  }

  private static void money(JsonGenerator g, Money money) throws IOException {
    if (money == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeFieldName(AMOUNT);
    g.writeNumber(money.amount());
    g.writeFieldName(CURRENCY);
    string(g, money.currency());
    g.writeEndObject();
  }

  private static void string(JsonGenerator g, String value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else {
      g.writeString(value);
    }
  }

  private static void uuid(JsonGenerator g, UUID value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else {
      g.writeString(value.toString());
    }
  }

  private static void instant(JsonGenerator g, Instant value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else {
      char[] text = Instants.iso(value);
      g.writeString(text, 0, text.length);
    }
  }

  private static SerializableString name(String name) {
    return new SerializedString(name);
  }
}
