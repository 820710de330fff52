package io.kinetic.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.BusServer;
import io.kinetic.kernel.contract.Contracts;
import io.kinetic.kernel.contract.checkout.CheckoutApi;
import io.kinetic.kernel.contract.checkout.GetOrders;
import io.kinetic.kernel.contract.checkout.OrderView;
import io.kinetic.kernel.contract.checkout.OrderViews;
import io.kinetic.kernel.contract.checkout.PaymentSucceeded;
import io.kinetic.kernel.contract.log.LoggedEvent;
import io.kinetic.kernel.error.ErrorCode;
import io.kinetic.kernel.json.Json;
import io.kinetic.kernel.money.Money;
import io.kinetic.kernel.outbox.EventTypes;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The mail consumer's preparation (before its pass's transaction): a pass's paid orders are asked
 * of checkout in one read (per {@link GetOrders#MAX}), each once, also when passes read the same
 * events again; a read checkout cannot answer now stops the fetching, and its orders are left to
 * their events' own application.
 */
class OrderMailsPrepareTest {

  private Vertx vertx;
  private final AtomicInteger asked = new AtomicInteger();
  private final AtomicInteger reads = new AtomicInteger();
  private final Set<UUID> failing = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    Contracts.register(vertx, CheckoutApi.CONTRACT);
    BusServer.serve(vertx, CheckoutApi.GET_ORDERS, (query, caller) -> {
      reads.incrementAndGet();
      asked.addAndGet(query.orderIds().size());
      return query.orderIds().stream().anyMatch(failing::contains)
        ? Future.failedFuture(ErrorCode.SERVICE_UNAVAILABLE.failure("busy"))
        : Future.succeededFuture(new OrderViews(query.orderIds().stream().map(OrderMailsPrepareTest::order).toList()));
    }).completion().await(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aPassAsksForItsPaidOrdersInOneReadEachOnceAndAFailureStopsTheFetching() throws Exception {
    var mails = new OrderMails(new BusClient(vertx, 2000), null, "en");
    List<LoggedEvent> events = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      events.add(paid(i, UUID.randomUUID()));
    }
    prepare(mails, events);
    assertEquals(40, asked.get(), "each paid order asked once");
    assertEquals(1, reads.get(), "in one read");

    // the next pass reads the same events again (the last one was cut short) and a few more
    List<LoggedEvent> again = new ArrayList<>(events.subList(30, 40));
    for (int i = 40; i < 45; i++) {
      again.add(paid(i, UUID.randomUUID()));
    }
    prepare(mails, again);
    assertEquals(45, asked.get(), "only the new orders asked");
    assertEquals(2, reads.get());

    // checkout cannot answer a read: the reads after it are not made
    asked.set(0);
    reads.set(0);
    List<LoggedEvent> troubled = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      UUID id = UUID.randomUUID();
      if (i == 3) {
        failing.add(id);
      }
      troubled.add(paid(100 + i, id));
    }
    prepare(mails, troubled);
    assertEquals(1, reads.get(), "the first read failed, no more were made");
    assertEquals(GetOrders.MAX, asked.get(), "the first " + GetOrders.MAX + " asked, then no more");

    // a pass of more than one read's orders: each read asks at most the most one read may
    asked.set(0);
    reads.set(0);
    List<LoggedEvent> many = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      many.add(paid(1000 + i, UUID.randomUUID()));
    }
    prepare(mails, many);
    assertEquals(250, asked.get());
    assertEquals(3, reads.get());
  }

  private void prepare(OrderMails mails, List<LoggedEvent> events) throws Exception {
    Promise<Void> done = Promise.promise();
    vertx.runOnContext(v -> mails.prepare(events).<Void>mapEmpty().onComplete(done));
    done.future().await(10, TimeUnit.SECONDS);
  }

  private static LoggedEvent paid(long position, UUID orderId) {
    var event = new PaymentSucceeded(UUID.randomUUID(), Instant.now(), orderId, "KC-" + position, "test", "pi_" + position,
      Money.of(1000, "EUR"), 2);
    return new LoggedEvent(position, event.eventId(), EventTypes.register(PaymentSucceeded.class), orderId.toString(), 2,
      Instant.now(), null, "system", Json.string(event));
  }

  private static OrderView order(UUID id) {
    return new OrderView(id, "KC-1", "paid", null, "shopper@example.com", "EUR", List.of(), 1, null, null, null, null, false,
      null, List.of(), Instant.now(), null, Instant.now(), 2, List.of(), List.of(), List.of());
  }
}
