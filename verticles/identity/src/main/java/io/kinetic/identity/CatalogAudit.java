package io.kinetic.identity;

import io.kinetic.kernel.contract.catalog.AttributeChanged;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.CatalogEvent;
import io.kinetic.kernel.contract.catalog.CategoryChanged;
import io.kinetic.kernel.contract.catalog.PriceChanged;
import io.kinetic.kernel.contract.catalog.ProductCreated;
import io.kinetic.kernel.contract.catalog.ProductDeleted;
import io.kinetic.kernel.contract.catalog.ProductUpdated;
import io.kinetic.kernel.contract.catalog.StockChanged;
import io.kinetic.kernel.contract.log.LoggedEvent;
import io.kinetic.kernel.id.Ids;
import io.kinetic.kernel.outbox.DomainEvent;
import io.kinetic.kernel.outbox.EventTypes;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Staff actions in the catalog, in the audit log: a durable consumer ({@value #CONSUMER}) of the
 * catalog's event log writes one entry per event a staff member caused (the actor the gateway put
 * on the request travels into the event log with the event), in the transaction that moves its
 * checkpoint, with the event's id as source: each action is recorded once, also after downtime.
 * Events without a staff actor (seeding, the system) are passed over.
 */
final class CatalogAudit {

  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(CatalogAudit.class.getName());
  static final String CONSUMER = "identity.audit";
  static final String SOURCE = CatalogApi.CONTRACT.context();
  private static final String STAFF = "staff:";

  static {
    // what this consumer reads, it must be able to decode, whatever else this node registered
    EventTypes.registerFamily(CatalogEvent.class);
  }

  private CatalogAudit() {
  }

  static Future<?> apply(SqlConnection tx, LoggedEvent logged) {
    Optional<UUID> actor = logged.actor() == null || !logged.actor().startsWith(STAFF) ? Optional.empty()
      : Ids.parse(logged.actor().substring(STAFF.length()));
    if (actor.isEmpty()) {
      return Future.succeededFuture();
    }
    DomainEvent event = logged.event();
    return tx.preparedQuery(IdentitySql.STAFF_EMAIL).execute(Tuple.of(actor.get())).compose(rows -> {
      String email = rows.size() == 0 ? null : rows.iterator().next().getString("email");
      var entry = new AuditLog.Record(SOURCE, logged.type(), actor.get(), email, targetType(event), targetId(event),
        logged.correlation(), details(event), logged.eventId(), event.occurredAt());
      return AuditLog.append(tx, entry);
    });
  }

  /**
   * The catalog's log was purged past the checkpoint (identity was down longer than the log's
   * retention, or is new on an old installation): the actions in between cannot be recorded any
   * more; continue with the oldest event still kept, and say so.
   */
  static Future<Long> skipPurged(SqlConnection tx, long oldestKept) {
    LOG.warning("the catalog's event log no longer keeps the events before position " + oldestKept
      + ": staff actions before it are missing from the audit log");
    return Future.succeededFuture(oldestKept - 1);
  }

  private static String targetType(DomainEvent event) {
    if (event instanceof CategoryChanged) {
      return "category";
    }
    return event instanceof AttributeChanged ? "attribute" : "product";
  }

  private static String targetId(DomainEvent event) {
    return event instanceof AttributeChanged a ? a.code() : event.aggregateId();
  }

  /** What an admin reading the log needs to see what changed; never more than the event holds. */
  private static Map<String, Object> details(DomainEvent event) {
    var details = new LinkedHashMap<String, Object>();
    if (event instanceof PriceChanged p) {
      details.put("sku", p.sku());
      details.put("amount", p.price().amount());
      details.put("currency", p.price().currency());
    } else if (event instanceof StockChanged s) {
      details.put("sku", s.sku());
      details.put("onHand", s.onHand());
    } else if (event instanceof ProductCreated p) {
      details.put("slug", p.slug());
    } else if (event instanceof ProductUpdated p) {
      details.put("slug", p.slug());
    } else if (event instanceof ProductDeleted p) {
      details.put("slug", p.slug());
    } else if (event instanceof CategoryChanged c) {
      details.put("deleted", c.deleted());
    } else if (event instanceof AttributeChanged a) {
      details.put("deleted", a.deleted());
    }
    details.put("version", event.version());
    return details;
  }
}
