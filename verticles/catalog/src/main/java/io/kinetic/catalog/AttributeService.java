package io.kinetic.catalog;

import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.Deleted;
import io.kinetic.kernel.contract.catalog.Attribute;
import io.kinetic.kernel.contract.catalog.AttributeChanged;
import io.kinetic.kernel.contract.catalog.AttributeInput;
import io.kinetic.kernel.contract.catalog.AttributeList;
import io.kinetic.kernel.contract.catalog.AttributeView;
import io.kinetic.kernel.contract.catalog.DefineAttribute;
import io.kinetic.kernel.contract.catalog.DeleteAttribute;
import io.kinetic.kernel.contract.catalog.ListAttributes;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.id.Ids;
import io.kinetic.kernel.outbox.Outbox;
import java.time.Instant;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Attribute definitions. Lists come from the in-memory registry, which writes reload before they
 * reply; each write also commits an AttributeChanged event, on which other nodes reload. Redefining
 * or deleting takes the definition's row lock, which waits for product writes that share-locked
 * it, and then checks the products as committed.
 */
final class AttributeService {

  private static final Logger LOG = Logger.getLogger(AttributeService.class.getName());

  private final Pool pool;
  private final CatalogState state;
  private final AfterCommit after;
  private final String defaultLocale;

  AttributeService(Pool pool, CatalogState state, AfterCommit after, String defaultLocale) {
    this.pool = pool;
    this.state = state;
    this.after = after;
    this.defaultLocale = defaultLocale;
  }

  AttributeList list(ListAttributes q) {
    List<AttributeView> items = state.attributes().all().stream()
      .map(a -> new AttributeView(a.code(), a.type(), a.unit(), a.values(), ProductViews.name(a.names(), q.locale(), defaultLocale)))
      .toList();
    return new AttributeList(items);
  }

  /** Creates or replaces. Fails VALIDATION_FAILED, or ATTRIBUTE_IN_USE when products hold values the new definition rejects. */
  Future<Attribute> define(DefineAttribute command, Caller caller) {
    AttributeInput in = command.input();
    if (in == null) {
      return Future.failedFuture(Failure.invalid("input", "must not be null"));
    }
    Future<Attribute> invalid = TaxonomyValidator.attribute(in).failedOrNull();
    if (invalid != null) {
      return invalid;
    }
    var attribute = new Attribute(in.code(), in.type(), in.unit(),
      in.values() == null || in.values().isEmpty() ? null : List.copyOf(in.values()), Map.copyOf(in.names()));
    return pool.withTransaction(tx -> AttributeRepository.upsert(tx, attribute)
      .compose(version -> AttributeRepository.nonconforming(tx, attribute)
        .compose(n -> n == 0 ? Future.succeededFuture()
          : Future.failedFuture(ErrorCode.ATTRIBUTE_IN_USE.failure(n + " products have values this definition would reject")))
        .compose(v -> changed(tx, attribute.code(), false, version, caller))))
      .compose(v -> reload())
      .map(attribute);
  }

  /** Fails ATTRIBUTE_NOT_FOUND (also, without a query, for a code no attribute can have), or ATTRIBUTE_IN_USE. */
  Future<Deleted> delete(DeleteAttribute command, Caller caller) {
    String code = command.code();
    if (code == null || code.isBlank()) {
      return Future.failedFuture(Failure.invalid("code", "must not be blank"));
    }
    if (!TaxonomyValidator.CODE.matcher(code).matches()) {
      return Future.failedFuture(ErrorCode.ATTRIBUTE_NOT_FOUND.failure("no attribute has this code"));
    }
    return pool.withTransaction(tx -> AttributeRepository.delete(tx, code)
      .compose(version -> version == null
        ? Future.failedFuture(ErrorCode.ATTRIBUTE_NOT_FOUND.failure("no attribute " + code))
        : AttributeRepository.inUse(tx, code).compose(used -> used
          ? Future.failedFuture(ErrorCode.ATTRIBUTE_IN_USE.failure("products have a value for " + code))
          : changed(tx, code, true, version, caller))))
      .compose(v -> reload())
      .map(new Deleted(code));
  }

  private static Future<Void> changed(SqlClient tx, String code, boolean deleted, long version, Caller caller) {
    return Outbox.append(tx, new AttributeChanged(Ids.newId(), Instant.now(), code, deleted, version), caller);
  }

  /** Reloads this node's registry, then sends the event to the others. */
  private Future<Void> reload() {
    after.taxonomy();
    return state.reloadAttributes(pool).recover(t -> {
      LOG.log(Level.WARNING, "attribute reload failed after a write: " + t.getMessage());
      return Future.succeededFuture();
    });
  }
}
