package io.kinetic.catalog;

import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.Deleted;
import io.kinetic.kernel.contract.catalog.CreateProduct;
import io.kinetic.kernel.contract.catalog.Product;
import io.kinetic.kernel.contract.catalog.ProductCreated;
import io.kinetic.kernel.contract.catalog.ProductDeleted;
import io.kinetic.kernel.contract.catalog.ProductInput;
import io.kinetic.kernel.contract.catalog.ProductUpdated;
import io.kinetic.kernel.contract.catalog.UpdateProduct;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.id.Ids;
import io.kinetic.kernel.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Creates, replaces and deletes products. Each command is one transaction that validates against
 * the definitions and categories it reads (and share-locks), writes the rows and appends its event
 * to the outbox; the reply is the product as committed.
 */
final class ProductService {

  private final Pool pool;
  private final AfterCommit afterCommit;
  private final List<String> currencies;

  /** {@code currencies}: the ones the shop sells ({@code cart.currencies}), the only ones a new price may be in. */
  ProductService(Pool pool, AfterCommit afterCommit, List<String> currencies) {
    this.pool = pool;
    this.afterCommit = afterCommit;
    this.currencies = List.copyOf(currencies);
  }

  /** Attempts at a creation or an update that PostgreSQL aborted to break a deadlock (it changed nothing). */
  private static final int DEADLOCK_ATTEMPTS = 3;

  Future<Product> create(CreateProduct command, Caller caller) {
    ProductInput in = command.input();
    if (in == null) {
      return Future.failedFuture(Failure.invalid("input", "must not be null"));
    }
    return StockAllocations.retried(() -> pool.withTransaction(tx -> validate(tx, in, ProductValidator.Prices.sold(currencies)).compose(v -> {
      ProductDraft draft = ProductDraft.of(in);
      var event = new ProductCreated(Ids.newId(), Instant.now(), draft.id(), in.slug(), 1);
      return ProductRepository.insert(tx, draft)
        .compose(x -> Outbox.append(tx, event, caller))
        .compose(x -> loadOne(tx, draft.id()));
    })), DEADLOCK_ATTEMPTS).map(product -> {
      afterCommit.productChanged(product, product.slug());
      return product;
    });
  }

  /** Fails PRODUCT_NOT_FOUND, VALIDATION_FAILED, then VERSION_CONFLICT when {@code version} is not the current one. */
  Future<Product> update(UpdateProduct command, Caller caller) {
    ProductInput in = command.input();
    if (command.id() == null || in == null) {
      return Future.failedFuture(Failure.invalid(command.id() == null ? "id" : "input", "must not be null"));
    }
    UUID id = command.id();
    return StockAllocations.retried(() -> pool.withTransaction(tx -> ProductRepository.lock(tx, id).compose(current -> {
      if (current == null) {
        return Future.failedFuture(ErrorCode.PRODUCT_NOT_FOUND.failure("no product " + id));
      }
      return validate(tx, in, new ProductValidator.Prices(currencies, current.prices())).compose(v -> {
        if (current.version() != command.version()) {
          return Future.failedFuture(ErrorCode.VERSION_CONFLICT.failure(
            "the product is at version " + current.version() + ", not " + command.version()));
        }
        var event = new ProductUpdated(Ids.newId(), Instant.now(), id, in.slug(), current.slug(), current.version() + 1);
        return ProductRepository.replace(tx, id, in, current)
          .compose(x -> Outbox.append(tx, event, caller))
          .compose(x -> loadOne(tx, id))
          .map(product -> new Replaced(product, current.slug()));
      });
    })), DEADLOCK_ATTEMPTS).map(replaced -> {
      afterCommit.productChanged(replaced.product(), replaced.previousSlug(), replaced.product().slug());
      return replaced.product();
    });
  }

  Future<Deleted> delete(UUID id, Caller caller) {
    if (id == null) {
      return Future.failedFuture(Failure.invalid("id", "must not be null"));
    }
    return pool.withTransaction(tx -> ProductRepository.delete(tx, id).compose(gone -> {
      if (gone == null) {
        return Future.failedFuture(ErrorCode.PRODUCT_NOT_FOUND.failure("no product " + id));
      }
      return Outbox.append(tx, new ProductDeleted(Ids.newId(), Instant.now(), id, gone.slug(), gone.version()), caller)
        .map(gone.slug());
    })).map(slug -> {
      afterCommit.productDeleted(id, slug);
      return Deleted.of(id);
    });
  }

  /**
   * Reads (and share-locks) what the input refers to, then reports every invalid field at once.
   * Lists over their limit and malformed codes are not looked up: the validator rejects them anyway.
   */
  private static Future<Void> validate(SqlClient tx, ProductInput in, ProductValidator.Prices prices) {
    Set<String> codes = in.attributes() == null || in.attributes().size() > ProductValidator.MAX_ATTRIBUTES ? Set.of()
      : in.attributes().keySet().stream().filter(c -> c != null && TaxonomyValidator.CODE.matcher(c).matches())
        .collect(Collectors.toSet());
    List<UUID> categories = in.categoryIds() == null || in.categoryIds().size() > ProductValidator.MAX_LIST ? List.of()
      : in.categoryIds().stream().filter(Objects::nonNull).distinct().toList();
    var definitions = AttributeRepository.lock(tx, codes);
    var existing = CategoryRepository.existing(tx, categories);
    return Future.all(definitions, existing).map(all -> {
      ProductValidator.product(in, definitions.result(), existing.result(), prices).throwIfAny();
      return null;
    });
  }

  static Future<Product> loadOne(SqlClient tx, UUID id) {
    return ProductRepository.load(tx, List.of(id)).map(list -> list.get(0));
  }

  private record Replaced(Product product, String previousSlug) {
  }
}
