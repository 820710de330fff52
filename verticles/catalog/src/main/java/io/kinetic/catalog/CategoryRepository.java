package io.kinetic.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import io.kinetic.kernel.contract.catalog.Category;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.pg.SqlStates;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Category rows. Unique and foreign-key violations become SLUG_TAKEN, CATEGORY_NOT_FOUND, CATEGORY_NOT_EMPTY. */
final class CategoryRepository {

  private static final TypeReference<Map<String, String>> NAMES = new TypeReference<>() {
  };

  private CategoryRepository() {
  }

  static Future<List<Category>> all(SqlClient client) {
    return client.query(CatalogSql.SELECT_CATEGORIES).execute().map(rows -> {
      var out = new ArrayList<Category>(rows.size());
      rows.forEach(row -> out.add(category(row)));
      return out;
    });
  }

  static Future<Set<UUID>> existing(SqlClient client, Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    return client.preparedQuery(CatalogSql.EXISTING_CATEGORIES).execute(Tuple.of(ids.toArray(new UUID[0])))
      .map(rows -> {
        var out = new HashSet<UUID>();
        rows.forEach(row -> out.add(row.getUUID("id")));
        return out;
      });
  }

  static Future<Void> lockTree(SqlClient tx) {
    return tx.query(CatalogSql.LOCK_CATEGORY_TREE).execute().mapEmpty();
  }

  /** True when {@code parentId} is {@code id} itself or one of its descendants. */
  static Future<Boolean> wouldCycle(SqlClient tx, UUID id, UUID parentId) {
    return tx.preparedQuery(CatalogSql.IS_ANCESTOR_OR_SELF).execute(Tuple.of(id, parentId))
      .map(rows -> rows.iterator().next().getBoolean("cycle"));
  }

  /** The new category's version. */
  static Future<Long> insert(SqlClient tx, Category c) {
    return tx.preparedQuery(CatalogSql.INSERT_CATEGORY).execute(params(c))
      .map(CategoryRepository::version).recover(CategoryRepository::translateWrite);
  }

  /** The category's new version, null when there is no such category. */
  static Future<Long> update(SqlClient tx, Category c) {
    return tx.preparedQuery(CatalogSql.UPDATE_CATEGORY).execute(params(c))
      .map(CategoryRepository::version).recover(CategoryRepository::translateWrite);
  }

  /** Fails CATEGORY_NOT_EMPTY when the category has children or products; its version plus one, null when it does not exist. */
  static Future<Long> delete(SqlClient tx, UUID id) {
    return tx.preparedQuery(CatalogSql.CATEGORY_USAGE).execute(Tuple.of(id)).compose(rows -> {
      Row usage = rows.iterator().next();
      if (usage.getBoolean("children")) {
        return Future.failedFuture(ErrorCode.CATEGORY_NOT_EMPTY.failure("the category has subcategories"));
      }
      if (usage.getBoolean("products")) {
        return Future.failedFuture(ErrorCode.CATEGORY_NOT_EMPTY.failure("the category has products"));
      }
      return tx.preparedQuery(CatalogSql.DELETE_CATEGORY).execute(Tuple.of(id)).map(CategoryRepository::version);
    }).recover(CategoryRepository::translateDelete);
  }

  static Long version(RowSet<Row> rows) {
    return rows.size() == 0 ? null : rows.iterator().next().getLong("version");
  }

  private static Tuple params(Category c) {
    return Tuple.of(c.id(), c.parentId(), c.slug(), Jsonb.write(c.names()), c.position());
  }

  static Category category(Row row) {
    return new Category(row.getUUID("id"), row.getUUID("parent_id"), row.getString("slug"),
      Map.copyOf(Jsonb.read(row.getString("names"), NAMES)), row.getInteger("position"));
  }

  private static <T> Future<T> translateWrite(Throwable t) {
    if (SqlStates.is(t, SqlStates.UNIQUE_VIOLATION) && SqlStates.constraint(t).equals("category_slug_key")) {
      return Future.failedFuture(ErrorCode.SLUG_TAKEN.failure("another category has this slug"));
    }
    if (SqlStates.is(t, SqlStates.FOREIGN_KEY_VIOLATION)) {
      return Future.failedFuture(ErrorCode.CATEGORY_NOT_FOUND.failure("the parent category does not exist"));
    }
    return Future.failedFuture(t);
  }

  /** A child or a product added concurrently trips the foreign keys: the category is not empty after all. */
  private static <T> Future<T> translateDelete(Throwable t) {
    if (SqlStates.is(t, SqlStates.FOREIGN_KEY_VIOLATION)) {
      return Future.failedFuture(ErrorCode.CATEGORY_NOT_EMPTY.failure("the category has subcategories or products"));
    }
    return Future.failedFuture(t);
  }
}
