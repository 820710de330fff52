package io.kinetic.checkout;

import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.catalog.CatalogApi;
import io.kinetic.kernel.contract.catalog.RestockReturn;
import io.kinetic.kernel.contract.catalog.ShipStock;
import io.kinetic.kernel.contract.catalog.StockLine;
import io.kinetic.kernel.contract.checkout.CancelOrder;
import io.kinetic.kernel.contract.checkout.DecideReturn;
import io.kinetic.kernel.contract.checkout.FulfilOrder;
import io.kinetic.kernel.contract.checkout.ItemLine;
import io.kinetic.kernel.contract.checkout.LineQuantity;
import io.kinetic.kernel.contract.checkout.MarkDelivered;
import io.kinetic.kernel.contract.checkout.OrderDelivered;
import io.kinetic.kernel.contract.checkout.OrderDetail;
import io.kinetic.kernel.contract.checkout.OrderFulfilled;
import io.kinetic.kernel.contract.checkout.OrderView;
import io.kinetic.kernel.contract.checkout.PricedLine;
import io.kinetic.kernel.contract.checkout.ReceiveReturn;
import io.kinetic.kernel.contract.checkout.RefundOrder;
import io.kinetic.kernel.contract.checkout.RequestReturn;
import io.kinetic.kernel.contract.checkout.ReturnDecided;
import io.kinetic.kernel.contract.checkout.ReturnReceived;
import io.kinetic.kernel.contract.checkout.ReturnRequested;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.error.Failure;
import io.kinetic.kernel.error.FieldError;
import io.kinetic.kernel.id.Ids;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * What staff (and customers, for returns) do with an order after it was placed: ship it in one or
 * more parts, mark it delivered, cancel it, refund it (by amount, by lines or by return) and handle
 * returns. Each action locks the order, checks its state ({@link OrderStates}), and changes it in
 * one transaction with its timeline entry (naming who did it) and its outbox event. Each takes an
 * idempotency key: a repeat finds what the first made ({@link OrderOps}) and answers the order.
 *
 * <p><b>Refunds</b> are reserved before the provider is called: a pending refund counts against
 * what is left of the captured amount, so concurrent refunds can never add up to more. The
 * provider's answer and its webhook both report the refunded total; {@code PaymentLedger} records
 * it once and settles the pending refunds it pays.
 */
final class Operations {

  private static final int MAX_TEXT = 500;
  private static final int MAX_TRACKING = 100;

  private final Pool pool;
  private final BusClient bus;
  private final PaymentLedger ledger;
  private final CheckoutService service;
  /** Staff members' names by id, for the timeline (a name changed later shows on the next action). */
  private final java.util.Map<UUID, String> staffNames = new java.util.concurrent.ConcurrentHashMap<>();

  Operations(Pool pool, BusClient bus, PaymentLedger ledger, CheckoutService service) {
    this.pool = pool;
    this.bus = bus;
    this.ledger = ledger;
    this.service = service;
  }

  // ---- fulfilment

  Future<OrderDetail> fulfil(FulfilOrder command, Caller caller) {
    var errors = new ArrayList<FieldError>();
    text(command.carrier(), "carrier", MAX_TRACKING, errors);
    text(command.trackingNumber(), "trackingNumber", MAX_TRACKING, errors);
    if (command.trackingUrl() != null && !command.trackingUrl().isBlank()
      && !(command.trackingUrl().startsWith("https://") || command.trackingUrl().startsWith("http://"))) {
      errors.add(new FieldError("trackingUrl", "must be an http(s) URL"));
    }
    text(command.trackingUrl(), "trackingUrl", MAX_TEXT, errors);
    // only absent lines mean everything left: an empty list is a mistake, never "ship it all"
    if (command.lines() != null && command.lines().isEmpty()) {
      errors.add(new FieldError("lines", "name at least one line, or leave lines out to ship everything left"));
    }
    quantities(command.lines(), errors);
    if (!errors.isEmpty()) {
      return Future.failedFuture(Failure.invalid(errors));
    }
    UUID shipmentId = derived("fulfilment", command.orderId(), command.idempotencyKey());
    String request = fingerprint("fulfilment", caller, command.lines(), command.carrier(), command.trackingNumber(),
      command.trackingUrl());
    return change(command.orderId(), caller, (tx, order) -> {
      OrderOps.Fulfilment made = order.ops().fulfilmentByKey(command.idempotencyKey());
      if (made != null) {
        return sameRequest(made.request(), request); // shipped by the first request with this key
      }
      Failure state = OrderStates.unless(order.state(), "fulfilled", OrderStates.PAID, OrderStates.PARTIALLY_FULFILLED);
      if (state != null) {
        return Future.failedFuture(state);
      }
      OrderOps ops = order.ops();
      Map<UUID, Integer> shipped = ops.shipped();
      var ship = new ArrayList<ItemLine>();
      if (command.lines() == null) {
        for (PricedLine line : order.doc().lines()) {
          int left = ops.toShip(line.variantId(), line.quantity(), shipped, false);
          if (left > 0) {
            ship.add(item(line, left));
          }
        }
      } else {
        for (int i = 0; i < command.lines().size(); i++) {
          LineQuantity q = command.lines().get(i);
          PricedLine line = line(order, q.variantId());
          int left = ops.toShip(line.variantId(), line.quantity(), shipped, false);
          if (q.quantity() > left) {
            return Future.failedFuture(remaining(line, left, "to ship (not shipped and not refunded)", i));
          }
          ship.add(item(line, q.quantity()));
        }
      }
      if (ship.isEmpty()) {
        return Future.failedFuture(Failure.of(ErrorCode.ORDER_STATE_CONFLICT,
          "nothing of this order is left to ship (everything was shipped or refunded)"));
      }
      var after = new java.util.HashMap<>(shipped);
      ship.forEach(l -> after.merge(l.variantId(), l.quantity(), Integer::sum));
      // fulfilled once every unit is shipped or refunded (a refund still pending may fail: its units count as unshipped)
      boolean done = order.doc().lines().stream().allMatch(l -> ops.toShip(l.variantId(), l.quantity(), after, true) == 0);
      String to = done ? OrderStates.FULFILLED : OrderStates.PARTIALLY_FULFILLED;
      var fulfilment = new OrderOps.Fulfilment(shipmentId, command.idempotencyKey(), ship, blankToNull(command.carrier()),
        blankToNull(command.trackingNumber()), blankToNull(command.trackingUrl()), Instant.now(), caller.actor(), request);
      String note = note("shipped " + units(ship), command.carrier(), command.trackingNumber());
      return bus.request(CatalogApi.SHIP_STOCK, new ShipStock(order.id(), shipmentId,
          ship.stream().map(l -> new StockLine(l.variantId(), l.quantity())).toList()), caller)
        .compose(v -> Orders.saveOps(tx, order.id(), order.ops().plus(fulfilment)))
        .compose(v -> Orders.change(tx, order, to.equals(order.state()) ? null : to, "OrderFulfilled", caller, actor(caller),
          note, List.of(), List.of(), version -> new OrderFulfilled(Ids.newId(), Instant.now(), order.id(), order.number(),
            shipmentId, ship, fulfilment.carrier(), fulfilment.trackingNumber(), fulfilment.trackingUrl(), to, version)));
    });
  }

  Future<OrderDetail> deliver(MarkDelivered command, Caller caller) {
    return change(command.orderId(), caller, (tx, order) -> {
      if (OrderStates.DELIVERED.equals(order.state())) {
        return Future.succeededFuture(); // marked already
      }
      Failure state = OrderStates.unless(order.state(), "marked delivered before it is fully shipped", OrderStates.FULFILLED);
      if (state != null) {
        return Future.failedFuture(state);
      }
      return Orders.change(tx, order, OrderStates.DELIVERED, "OrderDelivered", caller, actor(caller), null, List.of(), List.of(),
        version -> new OrderDelivered(Ids.newId(), Instant.now(), order.id(), order.number(), version));
    });
  }

  // ---- cancellation

  /**
   * Cancels an order with nothing shipped: its stock is released; an unpaid payment is cancelled at
   * the provider, a captured one refunded in full. The order is marked {@value PaymentLedger#CANCELLED_BY_STAFF}:
   * a payment that succeeds after all (it could no longer be voided) is refunded, and the order stays cancelled.
   */
  Future<OrderDetail> cancel(CancelOrder command, Caller caller) {
    var errors = new ArrayList<FieldError>();
    text(command.reason(), "reason", MAX_TEXT, errors);
    if (!errors.isEmpty()) {
      return Future.failedFuture(Failure.invalid(errors));
    }
    String reason = command.reason() == null || command.reason().isBlank() ? "STAFF" : command.reason().strip();
    var was = new String[1];
    var intent = new String[2];
    return staffName(caller).compose(name -> pool.withTransaction(tx -> Orders.lock(tx, command.orderId()).compose(order -> {
        if (order == null) {
          return Future.failedFuture(notFound());
        }
        if (OrderStates.CANCELLED.equals(order.state())) {
          return Future.succeededFuture(); // cancelled already
        }
        if (OrderStates.REFUNDED.equals(order.state())) {
          // say why: nothing shipped, but nothing is left to cancel either
          return Future.failedFuture(Failure.of(ErrorCode.ORDER_STATE_CONFLICT,
            order.flags().contains(PaymentLedger.CANCELLED_BY_STAFF) ? "this order is already cancelled and refunded"
              : "this order is already refunded in full: nothing is left to cancel"));
        }
        Failure state = OrderStates.unless(order.state(), "cancelled (only an order with nothing shipped can be)",
          OrderStates.PLACED, OrderStates.PAID);
        if (state != null) {
          return Future.failedFuture(state);
        }
        was[0] = order.state();
        intent[0] = order.provider();
        intent[1] = order.intentId();
        Future<Void> payment = OrderStates.PLACED.equals(order.state()) && order.intentId() == null && order.paymentId() != null
          ? PaymentLedger.setPayment(tx, order, PaymentStatus.CANCELED, "cancelled by staff") : Future.succeededFuture();
        return payment.compose(v -> Orders.change(tx, order, OrderStates.CANCELLED, "OrderCancelled", caller, actor(caller), reason,
          List.of(PaymentLedger.RELEASE_PENDING, PaymentLedger.CANCELLED_BY_STAFF), List.of(),
          version -> new io.kinetic.kernel.contract.checkout.OrderCancelled(Ids.newId(), Instant.now(), order.id(),
            order.number(), reason, version))).compose(v -> nameActor(tx, order.id(), caller, name));
      })))
      .compose(v -> was[0] == null ? Future.succeededFuture() : ledger.releaseStock(command.orderId()))
      .compose(v -> {
        if (was[0] == null) {
          return Future.succeededFuture();
        }
        ledger.changed(command.orderId());
        if (OrderStates.PLACED.equals(was[0])) {
          // void the payment; one that cannot be cancelled any more and succeeds is settled by the ledger
          return intent[1] == null ? Future.succeededFuture()
            : ledger.provider(intent[0]).cancel(intent[1])
              .compose(i -> ledger.observe(Observation.polled(intent[0], "expiry", i)))
              .recover(t -> Future.succeededFuture());
        }
        return refundRest(command.orderId(), "cancelled: " + reason, caller);
      })
      .compose(v -> detail(command.orderId()));
  }

  /** Refunds what is left of the captured amount (a cancelled paid order). */
  private Future<Void> refundRest(UUID orderId, String reason, Caller caller) {
    return reserve(orderId, caller, "cancel-refund", null, (order, ops) -> {
      long left = order.paymentAmount() - order.refunded() - ops.pendingRefunds();
      return left <= 0 ? null : new Reservation(left, reason, null, List.of());
    }).compose(this::send).mapEmpty();
  }

  // ---- refunds

  Future<OrderDetail> refund(RefundOrder command, Caller caller) {
    var errors = new ArrayList<FieldError>();
    int given = (command.amount() != null ? 1 : 0) + (command.lines() != null ? 1 : 0) + (command.returnId() != null ? 1 : 0);
    if (command.lines() != null && command.lines().isEmpty()) {
      // an empty list refunds nothing: never read as "no lines given" beside an amount or a return
      errors.add(new FieldError("lines", "name at least one line to refund, or leave lines out"));
    } else if (given != 1) {
      errors.add(new FieldError("amount", "give exactly one of amount, lines and returnId"));
    }
    if (command.amount() != null && command.amount() < 1) {
      errors.add(new FieldError("amount", "must be 1 or more (minor units)"));
    }
    quantities(command.lines(), errors);
    text(command.reason(), "reason", MAX_TEXT, errors);
    if (!errors.isEmpty()) {
      return Future.failedFuture(Failure.invalid(errors));
    }
    String reason = command.reason() == null || command.reason().isBlank() ? null : command.reason().strip();
    String request = fingerprint("refund", caller, command.amount(), command.lines(), command.returnId(), reason);
    return reserve(command.orderId(), caller, command.idempotencyKey(), request, (order, ops) -> {
      long amount;
      List<LineQuantity> lines = List.of();
      UUID returnId = command.returnId();
      if (returnId != null) {
        OrderOps.Return ret = ops.returnById(returnId);
        if (ret == null) {
          throw Failure.of(ErrorCode.RETURN_NOT_FOUND, "no such return on this order");
        }
        if (!OrderOps.RECEIVED.equals(ret.status()) && !OrderOps.APPROVED.equals(ret.status())) {
          throw Failure.of(ErrorCode.ORDER_STATE_CONFLICT, "a return that is " + ret.status() + " cannot be refunded");
        }
        if (ops.refunds().stream().anyMatch(r -> returnId.equals(r.returnId()) && !OrderOps.FAILED.equals(r.status()))) {
          throw Failure.of(ErrorCode.ORDER_STATE_CONFLICT, "this return is refunded already");
        }
        // the return's units not refunded already (a refund by lines before it may have paid some back)
        Map<UUID, Integer> refunded = ops.refundedUnits();
        var take = new ArrayList<LineQuantity>();
        for (ItemLine l : ret.lines()) {
          PricedLine line = line(order, l.variantId());
          int units = Math.min(l.quantity(), line.quantity() - refunded.getOrDefault(l.variantId(), 0));
          if (units > 0) {
            take.add(new LineQuantity(l.variantId(), units));
          }
        }
        if (take.isEmpty()) {
          throw Failure.of(ErrorCode.QUANTITY_EXCEEDS_REMAINING, "every unit of this return was refunded already");
        }
        lines = List.copyOf(take);
        amount = value(order, lines);
      } else if (command.amount() != null) {
        amount = command.amount(); // money only (goodwill): no units are refunded, nothing changes for shipping
      } else {
        // per line, at most the units not refunded already (by lines or by return, pending or succeeded)
        Map<UUID, Integer> refunded = ops.refundedUnits();
        for (int i = 0; i < command.lines().size(); i++) {
          LineQuantity q = command.lines().get(i);
          PricedLine line = line(order, q.variantId());
          int left = line.quantity() - refunded.getOrDefault(line.variantId(), 0);
          if (q.quantity() > left) {
            throw remaining(line, left, "to refund", i);
          }
        }
        lines = command.lines();
        amount = value(order, lines);
      }
      long left = order.paymentAmount() - order.refunded() - ops.pendingRefunds();
      if (amount > left) {
        String currency = order.total().currency();
        throw Failure.of(ErrorCode.REFUND_EXCEEDS_CAPTURED, "at most " + major(Math.max(0, left), currency)
          + " is left to refund (captured, not yet refunded); " + major(amount, currency) + " was asked");
      }
      return new Reservation(amount, reason, returnId, lines);
    }).compose(this::send).compose(v -> detail(command.orderId()));
  }

  private record Reservation(long amount, String reason, UUID returnId, List<LineQuantity> lines) {
  }

  /** A refund noted as pending under the order's lock (null when there is nothing to send). */
  private record Reserved(UUID orderId, UUID refundId, String provider, String intentId, long amount, boolean fresh) {
  }

  @FunctionalInterface
  private interface Sizing {
    Reservation size(Orders.Locked order, OrderOps ops);
  }

  /**
   * Notes a pending refund under the order's lock, sized by {@code sizing}, once per key: the key
   * again with the same {@code request} finds it, with another one is refused.
   */
  private Future<Reserved> reserve(UUID orderId, Caller caller, String key, String request, Sizing sizing) {
    return staffName(caller).compose(name -> pool.withTransaction(tx -> Orders.lock(tx, orderId).compose(order -> {
      if (order == null) {
        return Future.failedFuture(notFound());
      }
      OrderOps.Refund existing = order.ops().refundByKey(key == null ? null : key);
      if (existing != null) {
        Failure reused = reused(existing.request(), request);
        if (reused != null) {
          return Future.failedFuture(reused);
        }
        // the same request again: send it again if it is still pending (the provider keeps it once)
        return Future.succeededFuture(new Reserved(orderId, existing.id(), order.provider(), order.intentId(),
          existing.amount(), OrderOps.PENDING.equals(existing.status())));
      }
      if (!PaymentStatus.SUCCEEDED.equals(order.paymentStatus()) && !PaymentStatus.PARTIALLY_REFUNDED.equals(order.paymentStatus())
        && !PaymentStatus.REFUNDED.equals(order.paymentStatus())) { // refunded: nothing is left (REFUND_EXCEEDS_CAPTURED below)
        return Future.failedFuture(Failure.of(ErrorCode.ORDER_STATE_CONFLICT, PaymentStatus.CANCELED.equals(order.paymentStatus())
          ? "the order's payment was cancelled before it was paid: there is nothing to refund"
          : "the order is not paid yet: there is nothing to refund (cancel it instead)"));
      }
      Reservation r;
      try {
        r = sizing.size(order, order.ops());
      } catch (Failure f) {
        return Future.failedFuture(f);
      }
      if (r == null) {
        return Future.succeededFuture(new Reserved(orderId, null, order.provider(), order.intentId(), 0, false));
      }
      UUID refundId = derived("refund", orderId, key);
      var refund = new OrderOps.Refund(refundId, key, r.amount(), r.reason(), r.returnId(), r.lines(), OrderOps.PENDING, null,
        Instant.now(), caller.actor(), request, null);
      return Orders.saveOps(tx, orderId, order.ops().plus(refund))
        .compose(v -> Orders.change(tx, order, null, "RefundRequested", caller, actor(caller),
          major(r.amount(), order.total().currency()) + (r.reason() == null ? "" : ": " + r.reason()), List.of(), List.of(), null))
        .compose(v -> nameActor(tx, orderId, caller, name))
        .map(new Reserved(orderId, refundId, order.provider(), order.intentId(), r.amount(), true));
    })));
  }

  /**
   * Refunds sent to the provider longer than {@code olderThanSeconds} ago and never answered (the
   * engine died before the answer, or the answer was lost): sent again with the same idempotency
   * key, so the provider refunds at most once and its answer is recorded now.
   */
  Future<Void> resendPending(UUID orderId, int olderThanSeconds) {
    return Orders.read(pool, orderId).compose(order -> {
      if (order == null) {
        return Future.succeededFuture();
      }
      Instant before = Instant.now().minusSeconds(olderThanSeconds);
      Future<Void> chain = Future.succeededFuture();
      for (OrderOps.Refund r : order.ops().refunds()) {
        if (OrderOps.PENDING.equals(r.status()) && r.at().isBefore(before)) {
          var reserved = new Reserved(orderId, r.id(), order.provider(), order.intentId(), r.amount(), true);
          chain = chain.compose(v -> send(reserved).recover(t -> Future.succeededFuture()));
        }
      }
      return chain;
    });
  }

  /** Sends a pending refund to the provider and records the answer (or the failure). */
  private Future<Void> send(Reserved reserved) {
    if (reserved.refundId() == null || !reserved.fresh()) {
      return Future.succeededFuture();
    }
    PaymentProvider provider;
    try {
      provider = ledger.provider(reserved.provider());
    } catch (Failure f) {
      return failed(reserved, f);
    }
    return provider.refund(reserved.intentId(), reserved.amount(), "refund-" + reserved.refundId())
      .compose(intent -> ledger.observe(new Observation(reserved.provider(), "refund-call:" + intent.id() + ":" + intent.refunded(),
        "refund-call", intent.id(), "refund", intent.status(), intent.amount(), intent.refunded(), null, System.currentTimeMillis())),
        t -> failed(reserved, Failure.from(t)));
  }

  private Future<Void> failed(Reserved reserved, Failure failure) {
    return pool.withTransaction(tx -> Orders.lock(tx, reserved.orderId()).compose(order -> {
        OrderOps.Refund refund = order.ops().refunds().stream().filter(r -> r.id().equals(reserved.refundId())).findFirst().orElse(null);
        if (refund == null || !OrderOps.PENDING.equals(refund.status())) {
          return Future.succeededFuture();
        }
        return Orders.saveOps(tx, order.id(), order.ops().withRefund(refund.id(), r -> r.with(OrderOps.FAILED, failure.getMessage())))
          .compose(v -> Orders.change(tx, order, null, "RefundFailed", Caller.SYSTEM, "provider:" + reserved.provider(),
            failure.getMessage(), List.of(), List.of(), null));
      }))
      .onSuccess(v -> ledger.changed(reserved.orderId()))
      .compose(v -> Future.failedFuture(failure));
  }

  // ---- returns

  Future<OrderView> requestReturn(RequestReturn command, Caller caller) {
    var errors = new ArrayList<FieldError>();
    if (command.lines() == null || command.lines().isEmpty()) {
      errors.add(new FieldError("lines", "name the units to return"));
    } else {
      quantities(command.lines(), errors);
    }
    if (command.reason() == null || command.reason().isBlank()) {
      errors.add(new FieldError("reason", "is required"));
    }
    text(command.reason(), "reason", MAX_TEXT, errors);
    if (!errors.isEmpty()) {
      return Future.failedFuture(Failure.invalid(errors));
    }
    String request = fingerprint("return", caller, command.lines(), command.reason().strip());
    // the caller must see the order (its customer, or its link); staff use their own tools
    return service.get(new io.kinetic.kernel.contract.checkout.GetOrder(command.orderId(), command.access()), caller)
      .compose(visible -> pool.withTransaction(tx -> Orders.lock(tx, command.orderId()).compose(order -> {
        OrderOps.Return made = order.ops().returnByKey(command.idempotencyKey());
        if (made != null) {
          return sameRequest(made.request(), request);
        }
        Failure state = OrderStates.unless(order.state(), "returned (only a delivered order can be)", OrderStates.DELIVERED);
        if (state != null) {
          return Future.failedFuture(state);
        }
        Map<UUID, Integer> shipped = order.ops().shipped();
        Map<UUID, Integer> returned = order.ops().returned();
        var lines = new ArrayList<ItemLine>();
        for (LineQuantity q : command.lines()) {
          PricedLine line = line(order, q.variantId());
          int left = shipped.getOrDefault(line.variantId(), 0) - returned.getOrDefault(line.variantId(), 0);
          if (q.quantity() > left) {
            return Future.failedFuture(remaining(line, left, "to return"));
          }
          lines.add(item(line, q.quantity()));
        }
        UUID returnId = derived("return", order.id(), command.idempotencyKey());
        var ret = new OrderOps.Return(returnId, command.idempotencyKey(), lines, command.reason().strip(), OrderOps.REQUESTED, null,
          false, Instant.now(), Instant.now(), request, null);
        String who = command.access() != null && command.access().customerId() != null ? "customer" : "guest";
        return Orders.saveOps(tx, order.id(), order.ops().plus(ret))
          .compose(v -> Orders.change(tx, order, null, "ReturnRequested", caller, who, units(lines) + ": " + ret.reason(),
            List.of(), List.of(), version -> new ReturnRequested(Ids.newId(), Instant.now(), order.id(), order.number(), returnId,
              lines, ret.reason(), version)));
      })))
      .onSuccess(v -> ledger.changed(command.orderId()))
      .compose(v -> service.get(new io.kinetic.kernel.contract.checkout.GetOrder(command.orderId(), command.access()), caller));
  }

  Future<OrderDetail> decideReturn(DecideReturn command, Caller caller) {
    var errors = new ArrayList<FieldError>();
    text(command.note(), "note", MAX_TEXT, errors);
    if (!errors.isEmpty()) {
      return Future.failedFuture(Failure.invalid(errors));
    }
    String to = command.approve() ? OrderOps.APPROVED : OrderOps.REJECTED;
    return change(command.orderId(), caller, (tx, order) -> {
      OrderOps.Return ret = order.ops().returnById(command.returnId());
      if (ret == null) {
        return Future.failedFuture(Failure.of(ErrorCode.RETURN_NOT_FOUND, "no such return on this order"));
      }
      if (to.equals(ret.status())) {
        return Future.succeededFuture(); // decided so already
      }
      if (!OrderOps.REQUESTED.equals(ret.status())) {
        return Future.failedFuture(Failure.of(ErrorCode.ORDER_STATE_CONFLICT, "a return that is " + ret.status() + " cannot be " + to));
      }
      String note = blankToNull(command.note());
      return Orders.saveOps(tx, order.id(), order.ops().withReturn(ret.id(), r -> r.with(to, note, false)))
        .compose(v -> Orders.change(tx, order, null, command.approve() ? "ReturnApproved" : "ReturnRejected", caller, actor(caller),
          note, List.of(), List.of(), version -> new ReturnDecided(Ids.newId(), Instant.now(), order.id(), order.number(), ret.id(),
            command.approve(), note, version)));
    });
  }

  Future<OrderDetail> receiveReturn(ReceiveReturn command, Caller caller) {
    return change(command.orderId(), caller, (tx, order) -> {
      OrderOps.Return ret = order.ops().returnById(command.returnId());
      if (ret == null) {
        return Future.failedFuture(Failure.of(ErrorCode.RETURN_NOT_FOUND, "no such return on this order"));
      }
      if (ret.arrived()) {
        return Future.succeededFuture(); // received already
      }
      // approved, or refunded at approval (the goods may arrive after the money went back)
      if (!OrderOps.APPROVED.equals(ret.status()) && !OrderOps.REFUNDED.equals(ret.status())) {
        return Future.failedFuture(Failure.of(ErrorCode.ORDER_STATE_CONFLICT, "a return that is " + ret.status()
          + " cannot be received" + (OrderOps.REQUESTED.equals(ret.status()) ? " (approve it first)" : "")));
      }
      // a refunded return stays refunded (its last step), now with its goods received
      String status = OrderOps.REFUNDED.equals(ret.status()) ? OrderOps.REFUNDED : OrderOps.RECEIVED;
      Future<?> restocked = !command.restock() ? Future.succeededFuture()
        : bus.request(CatalogApi.RESTOCK_RETURN, new RestockReturn(order.id(), ret.id(),
          ret.lines().stream().map(l -> new StockLine(l.variantId(), l.quantity())).toList()), caller);
      return restocked
        .compose(v -> Orders.saveOps(tx, order.id(), order.ops().withReturn(ret.id(), r -> r.received(status, command.restock()))))
        .compose(v -> Orders.change(tx, order, null, "ReturnReceived", caller, actor(caller),
          command.restock() ? "restocked " + units(ret.lines()) : "received, not restocked", List.of(), List.of(),
          version -> new ReturnReceived(Ids.newId(), Instant.now(), order.id(), order.number(), ret.id(), ret.lines(),
            command.restock(), version)));
    });
  }

  // ---- helpers

  /** Runs {@code action} on the locked order in one transaction, then answers the order's detail. */
  private Future<OrderDetail> change(UUID orderId, Caller caller, BiFunction<SqlConnection, Orders.Locked, Future<?>> action) {
    if (orderId == null) {
      return Future.failedFuture(notFound());
    }
    return staffName(caller).compose(name -> pool.withTransaction(tx -> Orders.lock(tx, orderId).compose(order -> {
        if (order == null) {
          return Future.failedFuture(notFound());
        }
        try {
          return action.apply(tx, order).compose(v -> nameActor(tx, orderId, caller, name));
        } catch (RuntimeException e) {
          return Future.failedFuture(e);
        }
      })))
      .onSuccess(v -> ledger.changed(orderId))
      .compose(v -> detail(orderId));
  }

  /** The acting staff member's name (or e-mail), null for anyone else or when identity cannot say. */
  private Future<String> staffName(Caller caller) {
    if (caller == null || caller.actor() == null || !caller.actor().startsWith("staff:")) {
      return Future.succeededFuture(null);
    }
    java.util.Optional<UUID> id = io.kinetic.kernel.id.Ids.parse(caller.actor().substring("staff:".length()));
    if (id.isEmpty()) {
      return Future.succeededFuture(null);
    }
    String known = staffNames.get(id.get());
    if (known != null) {
      return Future.succeededFuture(known);
    }
    return bus.request(io.kinetic.kernel.contract.identity.IdentityApi.GET_STAFF,
        new io.kinetic.kernel.contract.identity.GetStaff(id.get()), Caller.SYSTEM)
      .map(staff -> {
        String name = staff.name() == null || staff.name().isBlank() ? staff.email() : staff.name();
        staffNames.put(id.get(), name);
        return name;
      })
      .otherwise((String) null);
  }

  /** Names the caller in the order's timeline entries they just wrote (in the same transaction). */
  private static Future<Void> nameActor(SqlConnection tx, UUID orderId, Caller caller, String name) {
    if (name == null) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery("UPDATE order_event SET actor_name = $3 WHERE order_id = $1 AND actor = $2 AND actor_name IS NULL")
      .execute(Tuple.of(orderId, actor(caller), name)).mapEmpty();
  }

  private Future<OrderDetail> detail(UUID orderId) {
    return service.detail(new io.kinetic.kernel.contract.checkout.GetOrderDetail(orderId), Caller.SYSTEM);
  }

  /** A stable id for what a request with {@code key} makes (a fresh one without a key). */
  static UUID derived(String kind, UUID orderId, String key) {
    return key == null || key.isBlank() ? Ids.newId()
      : UUID.nameUUIDFromBytes((kind + "|" + orderId + "|" + key).getBytes(StandardCharsets.UTF_8));
  }

  private static PricedLine line(Orders.Locked order, UUID variantId) {
    return order.doc().lines().stream().filter(l -> l.variantId().equals(variantId)).findFirst()
      .orElseThrow(() -> Failure.invalid("lines", "the order has no line of variant " + variantId));
  }

  /** The gross value of {@code lines} of the order: each line's gross per unit, the last unit taking the rounding. */
  private static long value(Orders.Locked order, List<LineQuantity> lines) {
    long total = 0;
    for (LineQuantity q : lines) {
      PricedLine line = line(order, q.variantId());
      if (q.quantity() > line.quantity()) {
        throw remaining(line, line.quantity(), "to refund");
      }
      total += line.gross().amount() * q.quantity() / line.quantity();
    }
    return total;
  }

  /** "19.99 EUR" for 1999 minor units (the currency's own number of decimals). */
  static String major(long minor, String currency) {
    int digits = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
    return java.math.BigDecimal.valueOf(minor, Math.max(0, digits)).toPlainString() + " " + currency;
  }

  private static ItemLine item(PricedLine line, int quantity) {
    return new ItemLine(line.variantId(), line.productId(), line.sku(), line.productName(), quantity);
  }

  private static Failure remaining(PricedLine line, int left, String what) {
    return Failure.of(ErrorCode.QUANTITY_EXCEEDS_REMAINING, Math.max(0, left) + " of " + line.sku() + " (variant "
      + line.variantId() + ") left " + what);
  }

  /** {@link #remaining} naming the request's line {@code index} ({@code lines[index].quantity}) too. */
  private static Failure remaining(PricedLine line, int left, String what, int index) {
    Failure failure = remaining(line, left, what);
    return Failure.of(failure.errorCode(), failure.detail(), List.of(new FieldError("lines[" + index + "].quantity",
      failure.detail())));
  }

  /**
   * What a request asked, and who asked it: a SHA-256 over the kind of operation, the caller's
   * principal and the request's fields ({@code null} for a missing one; lines in variant order).
   */
  static String fingerprint(String kind, Caller caller, Object... fields) {
    var text = new StringBuilder(kind).append('\n').append(caller == null ? null : caller.actor());
    for (Object field : fields) {
      text.append('\n');
      if (field instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof LineQuantity) {
        list.stream().map(LineQuantity.class::cast).sorted(java.util.Comparator.comparing(LineQuantity::variantId))
          .forEach(l -> text.append(l.variantId()).append('x').append(l.quantity()).append(';'));
      } else if (field instanceof List<?> list && list.isEmpty()) {
        text.append("null"); // no lines is the same as lines not given
      } else {
        text.append(field instanceof String str ? str.strip() : field);
      }
    }
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The key of an operation on this order used again: refused when the first request made with it
   * was another one, or another caller's ({@code made} null: made before requests were kept).
   */
  private static Failure reused(String made, String request) {
    return made == null || request == null || made.equals(request) ? null : ErrorCode.IDEMPOTENCY_KEY_REUSED.failure(
      "this Idempotency-Key was used on this order for a different request or by another caller: use a new key");
  }

  private static <T> Future<T> sameRequest(String made, String request) {
    Failure reused = reused(made, request);
    return reused == null ? Future.succeededFuture() : Future.failedFuture(reused);
  }

  private static void quantities(List<LineQuantity> lines, List<FieldError> errors) {
    if (lines == null) {
      return;
    }
    if (lines.size() > 100) {
      errors.add(new FieldError("lines", "at most 100 lines"));
      return;
    }
    var seen = new HashSet<UUID>();
    for (int i = 0; i < lines.size(); i++) {
      LineQuantity q = lines.get(i);
      if (q == null || q.variantId() == null || !seen.add(q.variantId())) {
        errors.add(new FieldError("lines[" + i + "].variantId", "is required, each variant once"));
      } else if (q.quantity() < 1 || q.quantity() > 10_000) {
        errors.add(new FieldError("lines[" + i + "].quantity", "must be 1 to 10000"));
      }
    }
  }

  private static void text(String value, String field, int max, List<FieldError> errors) {
    if (value != null && value.length() > max) {
      errors.add(new FieldError(field, "at most " + max + " characters"));
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String units(List<ItemLine> lines) {
    var parts = new LinkedHashMap<String, Integer>();
    lines.forEach(l -> parts.merge(l.sku(), l.quantity(), Integer::sum));
    var out = new ArrayList<String>();
    parts.forEach((sku, q) -> out.add(q + " × " + sku));
    return String.join(", ", out);
  }

  private static String note(String what, String carrier, String tracking) {
    String with = (carrier == null || carrier.isBlank() ? "" : " with " + carrier.strip())
      + (tracking == null || tracking.isBlank() ? "" : " (" + tracking.strip() + ")");
    return what + with;
  }

  /** The timeline's actor: the staff member's id (or the caller's principal), else {@code system}. */
  static String actor(Caller caller) {
    if (caller == null || caller.actor() == null) {
      return "system";
    }
    return caller.actor().startsWith("staff:") ? caller.actor().substring("staff:".length()) : caller.actor();
  }

  private static Failure notFound() {
    return ErrorCode.ORDER_NOT_FOUND.failure("no such order");
  }
}
