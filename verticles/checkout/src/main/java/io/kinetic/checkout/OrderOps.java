package io.kinetic.checkout;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.kinetic.kernel.contract.checkout.FulfilmentView;
import io.kinetic.kernel.contract.checkout.ItemLine;
import io.kinetic.kernel.contract.checkout.LineQuantity;
import io.kinetic.kernel.contract.checkout.RefundView;
import io.kinetic.kernel.contract.checkout.ReturnView;
import io.kinetic.kernel.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * What happened to an order after it was placed (the {@code ops} column): shipments, staff's
 * refunds and returns. Immutable; each operation makes a new one, written under the order's lock.
 * Each entry keeps the idempotency key it was made with, so a repeated request finds it, and the
 * fingerprint of that request ({@code request}: the caller and what they asked; null for entries
 * made before it was kept), so that the key used again by another caller or for another request is
 * refused instead of answered with what the first request made.
 *
 * <p>Units per line: a refund by lines counts against the line's units left to refund (ordered,
 * less the units of every refund not failed, by lines or by return) and takes the line's units not
 * shipped first: those are no longer to be shipped ({@link #toShip}), and once the refund succeeded
 * they leave the order's stock allocation ({@code released}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record OrderOps(List<Fulfilment> fulfilments, List<Refund> refunds, List<Return> returns) {

  static final String PENDING = "pending";
  static final String SUCCEEDED = "succeeded";
  static final String FAILED = "failed";

  static final String REQUESTED = "requested";
  static final String APPROVED = "approved";
  static final String REJECTED = "rejected";
  static final String RECEIVED = "received";
  static final String REFUNDED = "refunded";

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Fulfilment(UUID id, String key, List<ItemLine> lines, String carrier, String trackingNumber, String trackingUrl,
                    Instant at, String actor, String request) {
  }

  /**
   * A refund; {@code lines} the units it refunds (by lines or by return), {@code released} the units
   * among them that were not shipped when it succeeded (given back to stock, never shipped).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Refund(UUID id, String key, long amount, String reason, UUID returnId, List<LineQuantity> lines, String status,
                String error, Instant at, String actor, String request, List<LineQuantity> released) {

    Refund with(String status, String error) {
      return new Refund(id, key, amount, reason, returnId, lines, status, error, at, actor, request, released);
    }

    Refund released(List<LineQuantity> units) {
      return new Refund(id, key, amount, reason, returnId, lines, status, error, at, actor, request, units);
    }

    boolean byLines() {
      return returnId == null && lines != null && !lines.isEmpty();
    }

    /**
     * Whether its units leave what is to ship: a refund by lines made under that rule (it keeps its
     * request's fingerprint). One made before it (no fingerprint) may have paid back a shipped unit:
     * it changes nothing for shipping and releases nothing.
     */
    boolean holdsUnits() {
      return byLines() && request != null;
    }
  }

  /** A return; {@code receivedAt} when its goods arrived (also after an early refund, which sets the status refunded). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Return(UUID id, String key, List<ItemLine> lines, String reason, String status, String note, boolean restocked,
                Instant requestedAt, Instant updatedAt, String request, Instant receivedAt) {

    Return with(String status, String note, boolean restocked) {
      return new Return(id, key, lines, reason, status, note == null ? this.note : note, restocked, requestedAt, Instant.now(),
        request, receivedAt);
    }

    Return received(String status, boolean restocked) {
      return new Return(id, key, lines, reason, status, note, restocked, requestedAt, Instant.now(), request, Instant.now());
    }

    /** Whether its goods arrived (a return refunded before this was kept counts as received when it was restocked). */
    boolean arrived() {
      return receivedAt != null || RECEIVED.equals(status) || restocked;
    }
  }

  OrderOps {
    fulfilments = fulfilments == null ? List.of() : List.copyOf(fulfilments);
    refunds = refunds == null ? List.of() : List.copyOf(refunds);
    returns = returns == null ? List.of() : List.copyOf(returns);
  }

  static final OrderOps EMPTY = new OrderOps(List.of(), List.of(), List.of());

  /** Units shipped so far, per variant. */
  Map<UUID, Integer> shipped() {
    var shipped = new HashMap<UUID, Integer>();
    fulfilments.forEach(f -> f.lines().forEach(l -> shipped.merge(l.variantId(), l.quantity(), Integer::sum)));
    return shipped;
  }

  /** Units in returns that were not rejected, per variant. */
  Map<UUID, Integer> returned() {
    var returned = new HashMap<UUID, Integer>();
    returns.stream().filter(r -> !REJECTED.equals(r.status()))
      .forEach(r -> r.lines().forEach(l -> returned.merge(l.variantId(), l.quantity(), Integer::sum)));
    return returned;
  }

  /** Units of refunds not failed (pending or succeeded), by lines and by return, per variant: not to be refunded again. */
  Map<UUID, Integer> refundedUnits() {
    var refunded = new HashMap<UUID, Integer>();
    refunds.stream().filter(r -> !FAILED.equals(r.status()) && r.lines() != null)
      .forEach(r -> r.lines().forEach(l -> refunded.merge(l.variantId(), l.quantity(), Integer::sum)));
    return refunded;
  }

  /**
   * Units of refunds by lines, per variant: those not failed ({@code succeededOnly} false: a pending
   * refund's units are held, not shipped) or only the succeeded ones.
   */
  Map<UUID, Integer> refundedByLines(boolean succeededOnly) {
    var refunded = new HashMap<UUID, Integer>();
    refunds.stream().filter(r -> r.holdsUnits() && (succeededOnly ? SUCCEEDED.equals(r.status()) : !FAILED.equals(r.status())))
      .forEach(r -> r.lines().forEach(l -> refunded.merge(l.variantId(), l.quantity(), Integer::sum)));
    return refunded;
  }

  /** Units released from stock by succeeded refunds, per variant. */
  Map<UUID, Integer> released() {
    var released = new HashMap<UUID, Integer>();
    refunds.stream().filter(r -> SUCCEEDED.equals(r.status()) && r.released() != null)
      .forEach(r -> r.released().forEach(l -> released.merge(l.variantId(), l.quantity(), Integer::sum)));
    return released;
  }

  /**
   * Units of a line of {@code ordered} units still to ship: not shipped and not refunded by lines
   * (a refund by lines takes the units not shipped first); {@code succeededOnly}: counting only
   * succeeded refunds (whether the order is fulfilled), else also pending ones (what may ship now).
   */
  int toShip(UUID variantId, int ordered, Map<UUID, Integer> shipped, boolean succeededOnly) {
    return Math.max(0, ordered - shipped.getOrDefault(variantId, 0) - refundedByLines(succeededOnly).getOrDefault(variantId, 0));
  }

  /** The minor units of refunds sent to the provider and not answered yet. */
  long pendingRefunds() {
    return refunds.stream().filter(r -> PENDING.equals(r.status())).mapToLong(Refund::amount).sum();
  }

  Fulfilment fulfilmentByKey(String key) {
    return key == null ? null : fulfilments.stream().filter(f -> key.equals(f.key())).findFirst().orElse(null);
  }

  Refund refundByKey(String key) {
    return key == null ? null : refunds.stream().filter(r -> key.equals(r.key())).findFirst().orElse(null);
  }

  Return returnById(UUID id) {
    return returns.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
  }

  Return returnByKey(String key) {
    return key == null ? null : returns.stream().filter(r -> key.equals(r.key())).findFirst().orElse(null);
  }

  OrderOps plus(Fulfilment f) {
    var list = new ArrayList<>(fulfilments);
    list.add(f);
    return new OrderOps(list, refunds, returns);
  }

  OrderOps plus(Refund r) {
    var list = new ArrayList<>(refunds);
    list.add(r);
    return new OrderOps(fulfilments, list, returns);
  }

  OrderOps plus(Return r) {
    var list = new ArrayList<>(returns);
    list.add(r);
    return new OrderOps(fulfilments, refunds, list);
  }

  OrderOps withRefund(UUID id, UnaryOperator<Refund> change) {
    return new OrderOps(fulfilments, refunds.stream().map(r -> r.id().equals(id) ? change.apply(r) : r).toList(), returns);
  }

  OrderOps withReturn(UUID id, UnaryOperator<Return> change) {
    return new OrderOps(fulfilments, refunds, returns.stream().map(r -> r.id().equals(id) ? change.apply(r) : r).toList());
  }

  List<FulfilmentView> fulfilmentViews() {
    return fulfilments.stream().map(f -> new FulfilmentView(f.id(), f.lines(), f.carrier(), f.trackingNumber(),
      f.trackingUrl(), f.at())).toList();
  }

  List<RefundView> refundViews(String currency) {
    return refunds.stream().map(r -> new RefundView(r.id(), Money.of(r.amount(), currency), r.reason(), r.returnId(),
      r.status(), r.error(), r.at(), r.lines() == null ? List.of() : r.lines())).toList();
  }

  List<ReturnView> returnViews() {
    return returns.stream().map(r -> new ReturnView(r.id(), r.lines(), r.reason(), r.status(), r.note(), r.restocked(),
      r.requestedAt(), r.updatedAt(), r.receivedAt())).toList();
  }
}
