package io.kinetic.search;

import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.catalog.AttributeList;
import io.kinetic.kernel.contract.catalog.AttributeType;
import io.kinetic.kernel.contract.catalog.AttributeView;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.CategoryList;
import io.kinetic.kernel.contract.catalog.CategoryView;
import io.kinetic.kernel.contract.catalog.ListAttributes;
import io.kinetic.kernel.contract.catalog.ListCategories;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The catalog's category tree and attribute definitions as search knows them: copied into the
 * search schema from the catalog's bus API when they change (in the feed's transaction), and held
 * in memory for labels and for checking facet codes (reloaded from the schema every few seconds,
 * so every node sees what the node that consumed the change wrote).
 */
final class Taxonomy {

  /** A category with its names per locale. */
  record Node(UUID id, UUID parentId, String slug, JsonObject names) {
  }

  /** An attribute that is a facet (enum or boolean), with its names per locale. */
  record FacetAttribute(String code, JsonObject names) {
  }

  private final Pool pool;
  private final BusClient bus;
  private volatile Map<UUID, Node> categories = Map.of();
  private volatile Map<String, FacetAttribute> facetAttributes = Map.of();

  Taxonomy(Pool pool, BusClient bus) {
    this.pool = pool;
    this.bus = bus;
  }

  Map<UUID, Node> categories() {
    return categories;
  }

  Map<String, FacetAttribute> facetAttributes() {
    return facetAttributes;
  }

  /** Reads the tree and the attributes from the search schema. */
  Future<Void> load() {
    return pool.query(SearchSql.CATEGORIES).execute().compose(rows -> {
      var loaded = new LinkedHashMap<UUID, Node>();
      for (Row row : rows) {
        loaded.put(row.getUUID("id"), new Node(row.getUUID("id"), row.getUUID("parent_id"), row.getString("slug"),
          row.getJsonObject("names")));
      }
      categories = loaded;
      return pool.query(SearchSql.ATTRIBUTES).execute();
    }).map(rows -> {
      var loaded = new LinkedHashMap<String, FacetAttribute>();
      for (Row row : rows) {
        String type = row.getString("type");
        if (AttributeType.ENUM.name().equals(type) || AttributeType.BOOLEAN.name().equals(type)) {
          loaded.put(row.getString("code"), new FacetAttribute(row.getString("code"), row.getJsonObject("names")));
        }
      }
      facetAttributes = loaded;
      return null;
    });
  }

  /** Copies the catalog's category tree (every supported locale's names) into {@code tx}, with its closure. */
  Future<Void> copyCategories(SqlClient tx) {
    var lists = new ArrayList<Future<CategoryList>>();
    for (String locale : SearchLocales.SUPPORTED) {
      lists.add(bus.request(CatalogApi.LIST_CATEGORIES, new ListCategories(locale, null), Caller.SYSTEM));
    }
    return Future.all(lists).compose(all -> {
      var names = new LinkedHashMap<UUID, JsonObject>();
      var views = new LinkedHashMap<UUID, CategoryView>();
      for (int i = 0; i < lists.size(); i++) {
        for (CategoryView view : lists.get(i).result().items()) {
          views.putIfAbsent(view.id(), view);
          names.computeIfAbsent(view.id(), id -> new JsonObject()).put(SearchLocales.SUPPORTED.get(i), view.name());
        }
      }
      var batch = new ArrayList<Tuple>();
      for (CategoryView view : views.values()) {
        JsonObject localized = names.get(view.id());
        String folded = view.slug() + " " + String.join(" ", localized.stream().map(e -> String.valueOf(e.getValue())).toList());
        batch.add(Tuple.of(view.id(), view.parentId(), view.slug(), localized, folded, view.position()));
      }
      return tx.query(SearchSql.LOCK_TAXONOMY).execute()
        .compose(v -> tx.query(SearchSql.DELETE_CATEGORIES).execute())
        .compose(v -> batch.isEmpty() ? Future.succeededFuture() : tx.preparedQuery(SearchSql.INSERT_CATEGORY).executeBatch(batch))
        .compose(v -> tx.query(SearchSql.DELETE_CLOSURE).execute())
        .compose(v -> tx.query(SearchSql.REBUILD_CLOSURE).execute())
        .mapEmpty();
    });
  }

  /** Copies the catalog's attribute definitions (names in every supported locale) into {@code tx}. */
  Future<Void> copyAttributes(SqlClient tx) {
    var lists = new ArrayList<Future<AttributeList>>();
    for (String locale : SearchLocales.SUPPORTED) {
      lists.add(bus.request(CatalogApi.LIST_ATTRIBUTES, new ListAttributes(locale), Caller.SYSTEM));
    }
    return Future.all(lists).compose(all -> {
      var names = new LinkedHashMap<String, JsonObject>();
      var types = new LinkedHashMap<String, AttributeType>();
      for (int i = 0; i < lists.size(); i++) {
        for (AttributeView view : lists.get(i).result().items()) {
          types.putIfAbsent(view.code(), view.type());
          names.computeIfAbsent(view.code(), c -> new JsonObject()).put(SearchLocales.SUPPORTED.get(i), view.name());
        }
      }
      List<Tuple> batch = types.entrySet().stream()
        .map(e -> Tuple.of(e.getKey(), e.getValue().name(), names.get(e.getKey()))).toList();
      return tx.query(SearchSql.LOCK_TAXONOMY).execute()
        .compose(v -> tx.query(SearchSql.DELETE_ATTRIBUTES).execute())
        .compose(v -> batch.isEmpty() ? Future.succeededFuture() : tx.preparedQuery(SearchSql.INSERT_ATTRIBUTE).executeBatch(batch))
        .mapEmpty();
    });
  }

  /** The category and every category below it. */
  List<UUID> subtree(UUID root) {
    var out = new ArrayList<UUID>();
    out.add(root);
    for (int i = 0; i < out.size(); i++) {
      UUID parent = out.get(i);
      for (Node node : categories.values()) {
        if (parent.equals(node.parentId()) && !out.contains(node.id())) {
          out.add(node.id());
        }
      }
    }
    return out;
  }

  static String label(JsonObject names, String locale, String fallback) {
    if (names == null) {
      return fallback;
    }
    String name = names.getString(locale);
    if (name == null) {
      name = names.getString(SearchLocales.SUPPORTED.get(0));
    }
    return name == null ? fallback : name;
  }
}
