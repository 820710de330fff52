package io.kinetic.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.bus.BusServer;
import io.kinetic.kernel.contract.Contracts;
import io.kinetic.kernel.contract.checkout.CheckoutApi;
import io.kinetic.kernel.contract.checkout.OrderPlaced;
import io.kinetic.kernel.contract.checkout.OrderView;
import io.kinetic.kernel.contract.checkout.PaymentSucceeded;
import io.kinetic.kernel.contract.log.LoggedEvent;
import io.kinetic.kernel.json.Json;
import io.kinetic.kernel.money.Money;
import io.kinetic.kernel.outbox.DomainEvent;
import io.kinetic.kernel.outbox.EventTypes;
import io.kinetic.kernel.outbox.LogConsumer;
import io.kinetic.kernel.outbox.Pipelining;
import io.kinetic.kernel.auth.DerivedKeys;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where the order-mail consumer writes: a pass keeps its contacts and mails and writes them at its
 * end in its own transaction, each kind in one statement; a parked event's retry, run while a pass
 * is under way, writes at once in its own transaction and leaves what the pass kept alone; what a
 * pass that failed kept is never written by the next one. The transactions are stand-ins that
 * record their statements.
 */
class OrderMailsPassTest {

  private static final byte[] KEY = DerivedKeys.derive("a-test-secret-of-at-least-32-characters", "password-reset-mail");

  private Vertx vertx;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    Contracts.register(vertx, CheckoutApi.CONTRACT);
    BusServer.serve(vertx, CheckoutApi.GET_ORDER, (query, caller) -> Future.succeededFuture(order(query.orderId())))
      .completion().await(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aPassWritesAtItsEndAParkedRetryAtOnceAndAFailedPassNothing() throws Exception {
    var pipelining = new Pipelining("test");
    var mails = new OutgoingMails(new MailTemplates("Shop", "https://shop.example/", KEY), "en", () -> { });
    LogConsumer.Handler handler = pipelining.handler(new OrderMails(new BusClient(vertx, 2000), null, mails, "en", pipelining));
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    LoggedEvent placedA = logged(1, new OrderPlaced(UUID.randomUUID(), Instant.now(), a, "KC-A", null, "a@example.com", "en",
      Money.of(1000, "EUR"), List.of(), 1));
    LoggedEvent paidA = logged(2, new PaymentSucceeded(UUID.randomUUID(), Instant.now(), a, "KC-A", "test", "pi_a",
      Money.of(1000, "EUR"), 2));
    LoggedEvent placedB = logged(3, new OrderPlaced(UUID.randomUUID(), Instant.now(), b, "KC-B", null, "b@example.com", "de",
      Money.of(500, "EUR"), List.of(), 1));

    var pass = new Recorder();
    var parked = new Recorder();
    on(() -> handler.prepare(List.of(placedA, paidA)));
    on(() -> handler.apply(pass.tx, placedA));
    on(() -> handler.apply(pass.tx, paidA));
    assertEquals(List.of(), pass.statements, "kept for the pass's end");

    // a parked event's retry while the pass is under way: written at once, in its own transaction
    on(() -> handler.applyParked(parked.tx, placedB));
    assertEquals(List.of(MailSql.SAVE_CONTACT), parked.statements);
    assertEquals(List.of(), pass.statements);

    on(() -> handler.finish(pass.tx));
    assertEquals(List.of(MailSql.SAVE_CONTACTS, MailSql.ADD_ALL), pass.statements, "contacts first, then mails");
    Object[] orders = (Object[]) pass.params.get(0).getValue(0);
    assertEquals(List.of(a), List.of(orders), "only the pass's own contact, not the parked retry's");
    Object[] recipients = (Object[]) pass.params.get(1).getValue(3);
    assertEquals(List.of("a@example.com"), List.of(recipients), "the mail is addressed from the contact the pass kept");

    // a pass that failed before its end: the next one writes none of what it kept
    var failed = new Recorder();
    on(() -> handler.prepare(List.of(placedB)));
    on(() -> handler.apply(failed.tx, placedB));
    var next = new Recorder();
    on(() -> handler.prepare(List.of(paidA)));
    on(() -> handler.finish(next.tx));
    assertEquals(List.of(), next.statements, "nothing kept by the failed pass");
    assertTrue(failed.statements.isEmpty());
  }

  /** Runs {@code step} on the Vert.x context and waits for it. */
  private void on(Supplier<Future<?>> step) throws Exception {
    Promise<Object> done = Promise.promise();
    vertx.runOnContext(v -> step.get().<Object>map(x -> x).onComplete(done));
    done.future().await(10, TimeUnit.SECONDS);
  }

  /**
   * A stand-in transaction: every statement succeeds with one row changed and is recorded with its
   * parameters. It answers only what the consumer uses (a statement, its execution, the row count,
   * no transaction handle); anything else fails the test loudly, so a new use is noticed.
   */
  private static final class Recorder {
    final List<String> statements = new ArrayList<>();
    final List<Tuple> params = new ArrayList<>();
    final SqlConnection tx = (SqlConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
      new Class<?>[] {SqlConnection.class}, (proxy, method, args) -> switch (method.getName()) {
        case "preparedQuery" -> query((String) args[0]);
        case "transaction" -> null;
        case "hashCode" -> System.identityHashCode(proxy);
        case "equals" -> proxy == args[0];
        default -> throw new UnsupportedOperationException("the consumer is not expected to call " + method.getName());
      });

    private Object query(String sql) {
      return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PreparedQuery.class},
        (proxy, method, args) -> {
          if (!method.getName().equals("execute") || args == null || args.length != 1) {
            throw new UnsupportedOperationException("the consumer is not expected to call " + method.getName());
          }
          statements.add(sql);
          params.add((Tuple) args[0]);
          return Future.succeededFuture(rows());
        });
    }

    private static RowSet<?> rows() {
      return (RowSet<?>) Proxy.newProxyInstance(Recorder.class.getClassLoader(), new Class<?>[] {RowSet.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "rowCount", "size" -> 1;
          default -> throw new UnsupportedOperationException("the consumer is not expected to read " + method.getName());
        });
    }
  }

  private static LoggedEvent logged(long position, DomainEvent event) {
    return new LoggedEvent(position, event.eventId(), EventTypes.register(event.getClass()), event.aggregateId(), event.version(),
      Instant.now(), null, "system", Json.string(event));
  }

  private static OrderView order(UUID id) {
    Money m = Money.of(1000, "EUR");
    Money zero = Money.of(0, "EUR");
    var totals = new io.kinetic.kernel.contract.checkout.Totals(m, zero, m, zero, zero, zero, m, zero, m);
    return new OrderView(id, "KC-A", "paid", null, "a@example.com", "EUR", List.of(), 1, null, null, null, totals, false,
      null, List.of(), Instant.now(), null, Instant.now(), 2, List.of(), List.of(), List.of());
  }
}
