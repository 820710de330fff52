package io.kinetic.catalog;

import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.Deleted;
import io.kinetic.kernel.contract.catalog.Category;
import io.kinetic.kernel.contract.catalog.CategoryChanged;
import io.kinetic.kernel.contract.catalog.CategoryInput;
import io.kinetic.kernel.contract.catalog.CategoryList;
import io.kinetic.kernel.contract.catalog.CategoryView;
import io.kinetic.kernel.contract.catalog.ListCategories;
import io.kinetic.kernel.contract.catalog.SaveCategory;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.id.Ids;
import io.kinetic.kernel.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The category tree. Lists are served from the in-memory snapshot; writes are serialised by a
 * transaction-scoped advisory lock (so no two moves can build a cycle together), emit
 * CategoryChanged, and reload the snapshot before they reply.
 */
final class CategoryService {

  private static final Logger LOG = Logger.getLogger(CategoryService.class.getName());

  private final Pool pool;
  private final CatalogState state;
  private final AfterCommit afterCommit;
  private final String defaultLocale;

  CategoryService(Pool pool, CatalogState state, AfterCommit afterCommit, String defaultLocale) {
    this.pool = pool;
    this.state = state;
    this.afterCommit = afterCommit;
    this.defaultLocale = defaultLocale;
  }

  CategoryList list(ListCategories q) {
    var wanted = q.ids() == null ? null : new HashSet<>(q.ids());
    List<CategoryView> items = state.categories().ordered().stream()
      .filter(c -> wanted == null || wanted.contains(c.id()))
      .map(c -> new CategoryView(c.id(), c.parentId(), c.slug(), ProductViews.name(c.names(), q.locale(), defaultLocale),
        c.position()))
      .toList();
    return new CategoryList(items);
  }

  /** Creates ({@code id} null) or updates. Fails VALIDATION_FAILED (also for a cycle), SLUG_TAKEN, CATEGORY_NOT_FOUND. */
  Future<Category> save(SaveCategory command, Caller caller) {
    CategoryInput in = command.input();
    if (in == null) {
      return Future.failedFuture(Failure.invalid("input", "must not be null"));
    }
    Future<Category> invalid = TaxonomyValidator.category(command.id(), in).failedOrNull();
    if (invalid != null) {
      return invalid;
    }
    boolean create = command.id() == null;
    var category = new Category(create ? Ids.newId() : command.id(), in.parentId(), in.slug(), Map.copyOf(in.names()),
      in.position() == null ? 0 : in.position());
    return pool.withTransaction(tx -> CategoryRepository.lockTree(tx)
      .compose(v -> checkParent(tx, category))
      .compose(v -> create ? CategoryRepository.insert(tx, category) : CategoryRepository.update(tx, category))
      .compose(version -> version != null ? changed(tx, category.id(), false, version, caller)
        : Future.failedFuture(ErrorCode.CATEGORY_NOT_FOUND.failure("no category " + category.id()))))
      .compose(v -> committed())
      .map(category);
  }

  /** Fails CATEGORY_NOT_EMPTY when the category has subcategories or products, CATEGORY_NOT_FOUND. */
  Future<Deleted> delete(UUID id, Caller caller) {
    if (id == null) {
      return Future.failedFuture(Failure.invalid("id", "must not be null"));
    }
    return pool.withTransaction(tx -> CategoryRepository.lockTree(tx)
      .compose(v -> CategoryRepository.delete(tx, id))
      .compose(version -> version != null ? changed(tx, id, true, version, caller)
        : Future.failedFuture(ErrorCode.CATEGORY_NOT_FOUND.failure("no category " + id))))
      .compose(v -> committed())
      .map(Deleted.of(id));
  }

  private static Future<Void> checkParent(SqlConnection tx, Category category) {
    if (category.parentId() == null) {
      return Future.succeededFuture();
    }
    return CategoryRepository.existing(tx, List.of(category.parentId()))
      .compose(found -> found.isEmpty()
        ? Future.failedFuture(Failure.invalid("parentId", "no such category"))
        : CategoryRepository.wouldCycle(tx, category.id(), category.parentId()))
      .compose(cycle -> Boolean.TRUE.equals(cycle)
        ? Future.failedFuture(Failure.invalid("parentId", "would make the category a descendant of itself"))
        : Future.succeededFuture());
  }

  private static Future<Void> changed(SqlConnection tx, UUID id, boolean deleted, long version, Caller caller) {
    return Outbox.append(tx, new CategoryChanged(Ids.newId(), Instant.now(), id, deleted, version), caller);
  }

  /** The write is committed whatever happens here: a failed reload is logged, the timer retries it. */
  private Future<Void> committed() {
    return state.reloadCategories(pool)
      .recover(t -> {
        LOG.log(Level.WARNING, "category tree reload failed after a write: " + t.getMessage());
        return Future.succeededFuture();
      })
      .onComplete(ar -> afterCommit.taxonomy());
  }
}
