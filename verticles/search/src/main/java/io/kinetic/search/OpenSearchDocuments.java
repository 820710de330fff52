package io.kinetic.search;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The OpenSearch documents of products, made from the PostgreSQL projection's rows (the source of
 * truth: the index is a copy of it), and the bulk lines that write them. Every write carries the
 * product's version with {@code version_type=external_gte}: an older copy never replaces a newer
 * one, whichever node or rebuild sends it, and the same version may be written again (stock and
 * category changes keep the version). Only published products are in the index; others are deleted.
 */
final class OpenSearchDocuments {

  private static final String COLUMNS = """
    SELECT d.product_id, d.version, d.deleted, d.published, d.slug, d.default_locale, d.names, d.translations, d.brand,
      d.category_ids, d.attr_values, d.attr_text, d.image, d.in_stock, d.created_at,
      (SELECT sum((v.value ->> 'a')::bigint) FROM jsonb_each(d.variants) v) AS units,
      ARRAY(SELECT DISTINCT cc.ancestor FROM category_closure cc WHERE cc.descendant = ANY(d.category_ids)) AS category_path,
      (SELECT string_agg(cat.names ->> 'en', ' ') FROM category_closure cc JOIN category cat ON cat.id = cc.ancestor
        WHERE cc.descendant = ANY(d.category_ids)) AS categories_en,
      (SELECT string_agg(cat.names ->> 'de', ' ') FROM category_closure cc JOIN category cat ON cat.id = cc.ancestor
        WHERE cc.descendant = ANY(d.category_ids)) AS categories_de,
      (SELECT jsonb_object_agg(p.currency, jsonb_build_object('min', p.min_amount, 'max', p.max_amount)) FROM price p
        WHERE p.product_id = d.product_id) AS prices
    FROM document d""";

  /** The rows of the given products (absent ones: never known, or dropped by a rebuild). */
  static final String OF_PRODUCTS = COLUMNS + " WHERE d.product_id = ANY($1::uuid[])";

  /** A page of the searchable products after {@code $1}, for a full load. */
  static final String PAGE = COLUMNS + " WHERE d.published AND NOT d.deleted AND d.product_id > $1 ORDER BY d.product_id LIMIT $2";

  static final UUID FIRST = new UUID(0, 0);

  private OpenSearchDocuments() {
  }

  static boolean searchable(Row row) {
    return row.getBoolean("published") && !row.getBoolean("deleted");
  }

  /** The bulk lines writing {@code row}'s product into each of {@code indexes} (an index or delete). */
  static void append(StringBuilder bulk, Row row, List<String> indexes) {
    String id = row.getUUID("product_id").toString();
    long version = row.getLong("version");
    String doc = searchable(row) ? document(row).encode() : null;
    for (String index : indexes) {
      var meta = new JsonObject().put("_index", index).put("_id", id).put("version", version).put("version_type", "external_gte");
      if (doc != null) {
        bulk.append(new JsonObject().put("index", meta).encode()).append('\n').append(doc).append('\n');
      } else {
        bulk.append(new JsonObject().put("delete", meta).encode()).append('\n');
      }
    }
  }

  /** A product the projection no longer has: gone from each index. */
  static void appendGone(StringBuilder bulk, UUID productId, List<String> indexes) {
    for (String index : indexes) {
      bulk.append(new JsonObject().put("delete", new JsonObject().put("_index", index).put("_id", productId.toString())).encode())
        .append('\n');
    }
  }

  static JsonObject document(Row row) {
    JsonObject translations = row.getJsonObject("translations");
    String defaultLocale = row.getString("default_locale");
    JsonObject names = row.getJsonObject("names");
    var doc = new JsonObject()
      .put("id", row.getUUID("product_id").toString())
      .put("slug", row.getString("slug"))
      .put("default_locale", defaultLocale)
      .put("names", names)
      .put("image", row.getJsonObject("image"))
      .put("brand", row.getString("brand"))
      .put("attributes", row.getString("attr_text"))
      .put("in_stock", row.getBoolean("in_stock"))
      .put("units", row.getLong("units"))
      .put("prices", row.getJsonObject("prices") == null ? new JsonObject() : row.getJsonObject("prices"));
    var spell = new StringBuilder();
    for (String locale : SearchLocales.SUPPORTED) {
      JsonObject t = translations.getJsonObject(locale, translations.getJsonObject(defaultLocale, new JsonObject()));
      doc.put("name_" + locale, t.getString("name")).put("description_" + locale, t.getString("description"));
      String categories = row.getString("categories_" + locale);
      doc.put("categories_" + locale, categories);
      spell.append(categories == null ? "" : categories).append(' ');
    }
    for (String name : names.fieldNames()) {
      spell.append(names.getString(name)).append(' ');
    }
    if (row.getString("brand") != null) {
      spell.append(row.getString("brand"));
    }
    doc.put("spell", spell.toString().trim());
    doc.put("category_ids", strings(row.getArrayOfUUIDs("category_ids")));
    doc.put("category_path", strings(row.getArrayOfUUIDs("category_path")));
    doc.put("attr_values", new JsonArray(List.of((Object[]) row.getArrayOfStrings("attr_values"))));
    OffsetDateTime created = row.getOffsetDateTime("created_at");
    if (created != null) {
      doc.put("created_at", created.toInstant().toString());
    }
    return doc;
  }

  private static JsonArray strings(UUID[] ids) {
    var out = new ArrayList<Object>();
    if (ids != null) {
      for (UUID id : ids) {
        out.add(id.toString());
      }
    }
    return new JsonArray(out);
  }

  /**
   * The items of a bulk answer that failed for another reason than a version conflict (an older
   * copy, skipped on purpose) or a delete of a document the index does not have.
   */
  static List<String> failures(JsonObject answer) {
    var out = new ArrayList<String>();
    if (!answer.getBoolean("errors", false)) {
      return out;
    }
    for (Object o : answer.getJsonArray("items", new JsonArray())) {
      JsonObject item = (JsonObject) o;
      for (String op : item.fieldNames()) {
        JsonObject result = item.getJsonObject(op);
        int status = result.getInteger("status", 200);
        if (status >= 300 && status != 409 && status != 404) {
          out.add(op + " " + result.getString("_id") + ": " + result.getValue("error"));
        }
      }
    }
    return out;
  }
}
