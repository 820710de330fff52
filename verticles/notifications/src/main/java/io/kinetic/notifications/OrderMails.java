package io.kinetic.notifications;

import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.checkout.CheckoutApi;
import io.kinetic.kernel.contract.checkout.CheckoutEvent;
import io.kinetic.kernel.contract.checkout.GetOrder;
import io.kinetic.kernel.contract.checkout.GetOrders;
import io.kinetic.kernel.contract.checkout.OrderAccess;
import io.kinetic.kernel.contract.checkout.ItemLine;
import io.kinetic.kernel.contract.checkout.OrderFulfilled;
import io.kinetic.kernel.contract.checkout.OrderPlaced;
import io.kinetic.kernel.contract.checkout.OrderView;
import io.kinetic.kernel.contract.checkout.PaymentFailed;
import io.kinetic.kernel.contract.checkout.PaymentRefunded;
import io.kinetic.kernel.contract.checkout.PaymentSucceeded;
import io.kinetic.kernel.contract.checkout.ReturnDecided;
import io.kinetic.kernel.contract.checkout.ReturnReceived;
import io.kinetic.kernel.contract.checkout.ReturnRequested;
import io.kinetic.kernel.contract.log.LoggedEvent;
import io.kinetic.kernel.outbox.DomainEvent;
import io.kinetic.kernel.outbox.EventTypes;
import io.kinetic.kernel.outbox.LogConsumer;
import io.kinetic.kernel.outbox.Pipelining;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The e-mails of the checkout's events. {@link OrderPlaced} only records the order's contact (its
 * e-mail and locale); the confirmation goes out when the order is paid ({@link PaymentSucceeded}),
 * with the order's lines and totals as checkout has them then ({@code GET_ORDERS} for a pass's
 * paid orders, {@code GET_ORDER} for one still missing). Then: payment
 * failed, shipped (with the tracking), refunded, a return requested, approved or rejected, received.
 * Events of other types, and types this node does not know, send nothing.
 */
final class OrderMails implements LogConsumer.Handler {

  private static final Logger LOG = Logger.getLogger(OrderMails.class.getName());
  private static final Set<String> HANDLED = Set.copyOf(EventTypes.registerFamily(CheckoutEvent.class).stream()
    .map(EventTypes::register).toList());

  private static final String PAID = EventTypes.register(PaymentSucceeded.class);

  private final BusClient bus;
  private final OutgoingMails mails;
  /** What {@link #prepare} fetched for the pass at hand (on the consumer's context only). */
  private Map<UUID, OrderView> prepared = Map.of();
  /** The contacts {@link #prepare} read for the pass at hand (a contact is written once, never changed). */
  private Map<UUID, Contact> contacts = new java.util.HashMap<>();
  private final SqlClient pool;
  private final String defaultLocale;
  /** Whether to keep a pass's writes for its end (null: never, each event writes at once). */
  private final Pipelining pipelining;
  /** The contacts of the pass's orders placed, kept for its end (on the consumer's context only). */
  private final List<Placed> placed = new ArrayList<>();
  /** The pass's mails, kept for its end. */
  private final List<OutgoingMails.Mail> kept = new ArrayList<>();
  /** The orders a payment-failed mail was added for in this pass. */
  private final java.util.Set<UUID> failedMailed = new java.util.HashSet<>();
  /** How long after a payment-failed mail an order gets no other one. */
  static final int FAILED_MAIL_MINUTES = 10;

  OrderMails(BusClient bus, OutgoingMails mails, String defaultLocale) {
    this(bus, null, mails, defaultLocale, null);
  }

  /**
   * {@code pool}: where {@link #prepare} reads the contacts of a pass's orders (null: each is read in
   * the pass); {@code pipelining}: while it is on, a pass's contacts and mails are written at its
   * end, each kind in one statement ({@link #finish}), instead of one statement per event (null:
   * always one per event).
   */
  OrderMails(BusClient bus, SqlClient pool, OutgoingMails mails, String defaultLocale, Pipelining pipelining) {
    this.bus = bus;
    this.pool = pool;
    this.mails = mails;
    this.defaultLocale = defaultLocale;
    this.pipelining = pipelining;
  }

  /** An order placed: its contact, as {@link MailSql#SAVE_CONTACT} records it. */
  private record Placed(UUID orderId, Contact contact, UUID customerId, java.time.OffsetDateTime at) {
  }

  /** A contact as the mails of one order need it. */
  private record Contact(String number, String email, String locale) {
  }

  /**
   * The details of the pass's paid orders, fetched from checkout before the pass's transaction
   * (which then does not wait on the bus), in one read per {@value GetOrders#MAX} orders, for the whole
   * batch (a pass writes its mails at its end, so it applies a batch well within its quarter of a
   * second once the details are here; each one left to apply would be a round trip to checkout
   * inside the transaction). What an earlier pass fetched and this one still needs is kept, not fetched again (a pass
   * cut short, retried or lost to another instance reads the same events again). A read that fails
   * leaves its orders out, and stops the fetching for this pass: apply asks for each of those orders
   * itself (and fails, retries and parks that one event, not the pass).
   */
  @Override
  public Future<?> prepare(List<LoggedEvent> events) {
    // what a pass that failed kept is not written
    placed.clear();
    kept.clear();
    failedMailed.clear();
    var paid = new java.util.LinkedHashSet<UUID>();
    for (LoggedEvent logged : events) {
      if (PAID.equals(logged.type()) && logged.event() instanceof PaymentSucceeded payment) {
        paid.add(payment.orderId());
      }
    }
    // a failed contacts read leaves them to the pass (read one by one), not the order details
    return Future.all(details(paid), contacts(events).recover(t -> Future.succeededFuture()));
  }

  /**
   * The contacts of the orders whose events send a mail, in one statement: a pass then reads none
   * of them itself (a contact recorded in the same pass, by its OrderPlaced, is read there).
   */
  private Future<?> contacts(List<LoggedEvent> events) {
    contacts = new java.util.HashMap<>();
    var ids = new java.util.LinkedHashSet<UUID>();
    for (LoggedEvent logged : events) {
      if (HANDLED.contains(logged.type()) && !(logged.event() instanceof OrderPlaced)
        && logged.event() instanceof CheckoutEvent event && event.orderId() != null) {
        ids.add(event.orderId());
      }
    }
    if (pool == null || ids.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery(MailSql.CONTACTS).execute(Tuple.of(ids.toArray(UUID[]::new))).onSuccess(rows -> {
      var read = new java.util.HashMap<UUID, Contact>();
      for (var row : rows) {
        read.put(row.getUUID("order_id"), new Contact(row.getString("number"), row.getString("email"), row.getString("locale")));
      }
      contacts = read;
    });
  }

  /** The order details of {@code paid} (see {@link #prepare}). */
  private Future<?> details(java.util.Set<UUID> paid) {
    var details = new java.util.HashMap<UUID, OrderView>();
    var missing = new ArrayList<UUID>();
    for (UUID id : paid) {
      OrderView known = prepared.get(id);
      if (known != null) {
        details.put(id, known);
      } else {
        missing.add(id);
      }
    }
    prepared = details;
    // one read per GetOrders.MAX orders, one after the other; a failed read stops the fetching
    Future<?> fetched = Future.succeededFuture();
    for (int from = 0; from < missing.size(); from += GetOrders.MAX) {
      List<UUID> some = List.copyOf(missing.subList(from, Math.min(missing.size(), from + GetOrders.MAX)));
      fetched = fetched.compose(v -> bus.request(CheckoutApi.GET_ORDERS, new GetOrders(some), Caller.SYSTEM)
        .onSuccess(found -> found.orders().forEach(order -> details.put(order.id(), order))));
    }
    return fetched.recover(t -> Future.succeededFuture());
  }

  @Override
  public Future<?> apply(SqlConnection tx, LoggedEvent logged) {
    if (!HANDLED.contains(logged.type())) {
      return Future.succeededFuture();
    }
    DomainEvent event = logged.event();
    // decided now, not in a later callback: a parked event's retry (written at once) is told only while apply runs
    boolean keep = keeping();
    if (event instanceof OrderPlaced order) {
      var contact = new Contact(order.number(), order.email(), MailTemplates.locale(order.locale(), defaultLocale));
      if (keep) {
        // the pass's later events of this order find it here; a contact is written once, never changed
        placed.add(new Placed(order.orderId(), contact, order.customerId(), order.occurredAt().atOffset(ZoneOffset.UTC)));
        contacts.putIfAbsent(order.orderId(), contact);
        return Future.succeededFuture();
      }
      return tx.preparedQuery(MailSql.SAVE_CONTACT).execute(Tuple.tuple().addValue(order.orderId()).addValue(contact.number())
        .addValue(contact.email()).addValue(contact.locale()).addValue(order.customerId())
        .addValue(order.occurredAt().atOffset(ZoneOffset.UTC)));
    }
    if (event instanceof PaymentSucceeded paid) {
      OrderView known = prepared.get(paid.orderId());
      return (known != null ? Future.succeededFuture(known) : detail(paid.orderId())).compose(order -> contact(tx, paid.orderId(), order).compose(contact ->
        add(tx, keep, logged, "order-confirmation", contact, paid.orderId(), confirmation(order, contact.locale()))));
    }
    if (event instanceof PaymentFailed failed) {
      // one such mail per order within FAILED_MAIL_MINUTES: many declined tries (a test card sent again
      // and again, say) must not flood the address the order names
      if (!failedMailed.add(failed.orderId())) {
        return Future.succeededFuture();
      }
      return contact(tx, failed.orderId(), null).compose(contact -> tx.preparedQuery(MailSql.FAILED_MAILED)
        .execute(Tuple.of(contact.email(), failed.orderId(), FAILED_MAIL_MINUTES))
        .compose(rows -> rows.size() > 0 ? Future.<Void>succeededFuture()
          : add(tx, keep, logged, "payment-failed", contact, failed.orderId(), Map.of())));
    }
    if (event instanceof PaymentRefunded refunded) {
      return contact(tx, refunded.orderId(), null).compose(contact -> {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("amount", MoneyText.format(refunded.amount(), contact.locale()));
        model.put("refundedTotal", MoneyText.format(refunded.refundedTotal(), contact.locale()));
        model.put("noStock", "NO_STOCK".equals(refunded.reason()));
        return add(tx, keep, logged, "order-refunded", contact, refunded.orderId(), model);
      });
    }
    if (event instanceof OrderFulfilled shipped) {
      return contact(tx, shipped.orderId(), null).compose(contact -> {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("lines", lines(shipped.lines()));
        model.put("carrier", shipped.carrier());
        model.put("trackingNumber", shipped.trackingNumber());
        model.put("trackingUrl", shipped.trackingUrl());
        model.put("partial", "partially_fulfilled".equals(shipped.state()));
        return add(tx, keep, logged, "order-shipped", contact, shipped.orderId(), model);
      });
    }
    if (event instanceof ReturnRequested requested) {
      return contact(tx, requested.orderId(), null).compose(contact -> add(tx, keep, logged, "return-requested", contact,
        requested.orderId(), Map.of("lines", lines(requested.lines()), "reason", text(requested.reason()))));
    }
    if (event instanceof ReturnDecided decided) {
      return contact(tx, decided.orderId(), null).compose(contact -> add(tx, keep, logged,
        decided.approved() ? "return-approved" : "return-rejected", contact, decided.orderId(), Map.of("note", text(decided.note()))));
    }
    if (event instanceof ReturnReceived received) {
      return contact(tx, received.orderId(), null).compose(contact -> add(tx, keep, logged, "return-received", contact,
        received.orderId(), Map.of("lines", lines(received.lines()), "restocked", received.restocked())));
    }
    return Future.succeededFuture();
  }

  /** The contacts and mails the pass kept, each kind in one statement (contacts first: a mail's order has its contact). */
  @Override
  public Future<?> finish(SqlConnection tx) {
    if (placed.isEmpty() && kept.isEmpty()) {
      return Future.succeededFuture();
    }
    var contactsKept = List.copyOf(placed);
    var mailsKept = List.copyOf(kept);
    placed.clear();
    kept.clear();
    Future<?> saved = contactsKept.isEmpty() ? Future.succeededFuture()
      : tx.preparedQuery(MailSql.SAVE_CONTACTS).execute(Tuple.tuple()
        .addValue(contactsKept.stream().map(Placed::orderId).toArray(UUID[]::new))
        .addValue(contactsKept.stream().map(p -> p.contact().number()).toArray(String[]::new))
        .addValue(contactsKept.stream().map(p -> p.contact().email()).toArray(String[]::new))
        .addValue(contactsKept.stream().map(p -> p.contact().locale()).toArray(String[]::new))
        .addValue(contactsKept.stream().map(Placed::customerId).toArray(UUID[]::new))
        .addValue(contactsKept.stream().map(Placed::at).toArray(java.time.OffsetDateTime[]::new)));
    return saved.compose(v -> mails.addAll(tx, mailsKept));
  }

  /** Whether this pass keeps its writes for its end (read when {@link #apply} is called, not in its callbacks). */
  private boolean keeping() {
    return pipelining != null && pipelining.on();
  }

  /**
   * The checkout's log was purged past the checkpoint (notifications was down longer than the
   * log's retention): the mails of the events in between are not sent any more; go on with the
   * oldest event kept, and say so.
   */
  static Future<Long> skipPurged(SqlConnection tx, long oldestKept) {
    LOG.warning("an event log no longer keeps the events before position " + oldestKept
      + ": their e-mails are not sent");
    return Future.succeededFuture(oldestKept - 1);
  }

  private Future<Void> add(SqlConnection tx, boolean keep, LoggedEvent logged, String kind, Contact contact, UUID orderId,
                           Map<String, Object> details) {
    Map<String, Object> model = new LinkedHashMap<>(details);
    model.put("number", contact.number());
    var order = new OutgoingMails.OrderRef(orderId, contact.number());
    if (keep) {
      kept.add(mails.mail(logged, kind, contact.email(), contact.locale(), model, order));
      return Future.succeededFuture();
    }
    return mails.add(tx, logged, kind, contact.email(), contact.locale(), model, order);
  }

  /** From the projection of OrderPlaced; for an order placed before it existed, from checkout. */
  private Future<Contact> contact(SqlConnection tx, UUID orderId, OrderView known) {
    Contact read = contacts.get(orderId);
    if (read != null) {
      return Future.succeededFuture(read);
    }
    return tx.preparedQuery(MailSql.CONTACT).execute(Tuple.of(orderId)).compose(rows -> {
      if (rows.size() > 0) {
        var row = rows.iterator().next();
        return Future.succeededFuture(new Contact(row.getString("number"), row.getString("email"), row.getString("locale")));
      }
      Future<OrderView> order = known != null ? Future.succeededFuture(known) : detail(orderId);
      return order.map(o -> new Contact(o.number(), o.email(), MailTemplates.locale(null, defaultLocale)));
    });
  }

  private Future<OrderView> detail(UUID orderId) {
    // the order without its timeline (a mail does not show it)
    return bus.request(CheckoutApi.GET_ORDER, new GetOrder(orderId, OrderAccess.staffMember()), Caller.SYSTEM);
  }

  private static Map<String, Object> confirmation(OrderView order, String locale) {
    Map<String, Object> model = new LinkedHashMap<>();
    List<Map<String, Object>> lines = new ArrayList<>();
    for (var line : order.lines()) {
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("name", line.productName());
      l.put("options", String.join(", ", line.options() == null ? List.of()
        : line.options().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()));
      l.put("sku", line.sku());
      l.put("quantity", line.quantity());
      l.put("unitPrice", MoneyText.format(line.unitPrice(), locale));
      l.put("total", MoneyText.format(line.gross(), locale));
      lines.add(l);
    }
    model.put("lines", lines);
    var totals = order.totals();
    model.put("itemsTotal", MoneyText.format(totals.itemsGross(), locale));
    model.put("shippingTotal", MoneyText.format(totals.shippingGross(), locale));
    model.put("taxTotal", MoneyText.format(totals.tax(), locale));
    model.put("total", MoneyText.format(totals.total(), locale));
    model.put("shippingMethod", order.shipping() == null ? "" : order.shipping().name());
    var to = order.shippingAddress();
    if (to != null) {
      List<String> address = new ArrayList<>();
      for (String part : new String[] {to.name(), to.company(), to.line1(), to.line2(),
        (text(to.postalCode()) + " " + text(to.city())).strip(), to.region(), to.country()}) {
        if (part != null && !part.isBlank()) {
          address.add(part);
        }
      }
      model.put("address", address);
      model.put("hasAddress", !address.isEmpty());
    }
    return model;
  }

  private static List<Map<String, Object>> lines(List<ItemLine> lines) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ItemLine line : lines == null ? List.<ItemLine>of() : lines) {
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("name", line.name() == null ? line.sku() : line.name());
      l.put("sku", line.sku());
      l.put("quantity", line.quantity());
      out.add(l);
    }
    return out;
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
