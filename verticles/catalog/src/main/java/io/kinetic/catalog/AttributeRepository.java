package io.kinetic.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import io.kinetic.kernel.contract.catalog.Attribute;
import io.kinetic.kernel.contract.catalog.AttributeType;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Attribute definition rows. */
final class AttributeRepository {

  private static final TypeReference<List<String>> VALUES = new TypeReference<>() {
  };
  private static final TypeReference<Map<String, String>> NAMES = new TypeReference<>() {
  };

  private AttributeRepository() {
  }

  static Future<List<Attribute>> all(SqlClient client) {
    return client.query(CatalogSql.SELECT_ATTRIBUTES).execute().map(AttributeRepository::list);
  }

  /**
   * The definitions of {@code codes} that exist, share-locked until the transaction ends: they
   * cannot be deleted or retyped while a product write that uses them is in flight.
   */
  static Future<Map<String, Attribute>> lock(SqlClient tx, Collection<String> codes) {
    if (codes.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return tx.preparedQuery(CatalogSql.LOCK_ATTRIBUTES).execute(Tuple.of(codes.toArray(new String[0])))
      .map(rows -> {
        var out = new HashMap<String, Attribute>();
        list(rows).forEach(a -> out.put(a.code(), a));
        return out;
      });
  }

  /** The attribute's version after the write. */
  static Future<Long> upsert(SqlClient tx, Attribute a) {
    return tx.preparedQuery(CatalogSql.UPSERT_ATTRIBUTE)
      .execute(Tuple.of(a.code(), a.type().name(), a.unit(), Jsonb.write(a.values()), Jsonb.write(a.names())))
      .map(CategoryRepository::version);
  }

  /** How many products hold a value for the attribute that its (new) definition would not accept. */
  static Future<Long> nonconforming(SqlClient tx, Attribute a) {
    String[] values = a.values() == null ? new String[0] : a.values().toArray(new String[0]);
    return tx.preparedQuery(CatalogSql.NONCONFORMING_PRODUCTS).execute(Tuple.of(a.code(), a.type().name(), values))
      .map(rows -> rows.iterator().next().getLong("n"));
  }

  static Future<Boolean> inUse(SqlClient tx, String code) {
    return tx.preparedQuery(CatalogSql.ATTRIBUTE_IN_USE).execute(Tuple.of(code))
      .map(rows -> rows.iterator().next().getBoolean("used"));
  }

  /** The deleted attribute's version plus one, null when there is no such attribute. */
  static Future<Long> delete(SqlClient tx, String code) {
    return tx.preparedQuery(CatalogSql.DELETE_ATTRIBUTE).execute(Tuple.of(code)).map(CategoryRepository::version);
  }

  private static List<Attribute> list(RowSet<Row> rows) {
    var out = new ArrayList<Attribute>(rows.size());
    for (Row row : rows) {
      List<String> values = Jsonb.read(row.getString("values"), VALUES);
      out.add(new Attribute(row.getString("code"), AttributeType.valueOf(row.getString("type")), row.getString("unit"),
        values == null ? null : List.copyOf(values), Map.copyOf(Jsonb.read(row.getString("names"), NAMES))));
    }
    return out;
  }
}
