package io.kinetic.kernel.outbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.contract.log.LoggedEvent;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PipeliningTest {

  private static final LoggedEvent EVENT = new LoggedEvent(7, UUID.randomUUID(), "checkout.order-placed", "o", 1,
    Instant.now(), null, "system", "{}");

  @Test
  void aFailureInAPassTurnsPipeliningOffSoTheNextPassFindsTheFailingEvent() {
    var pipelining = new Pipelining("test");
    LogConsumer.Handler handler = pipelining.handler((tx, e) -> pipelining.send(Future.failedFuture(new IllegalStateException("poison"))));
    assertTrue(pipelining.on());
    assertTrue(handler.apply(null, EVENT).succeeded(), "pipelined: handed over at once, the pass fails at its end");
    assertFalse(pipelining.on());
    assertTrue(handler.apply(null, EVENT).failed(), "one event after the other: the failure is the event's own");
  }

  @Test
  void aParkedEventsRetryRunsAloneAndItsFailureLeavesPipeliningOn() {
    var pipelining = new Pipelining("test");
    LogConsumer.Handler handler = pipelining.handler((tx, e) -> pipelining.send(Future.failedFuture(new IllegalStateException("poison"))));
    assertTrue(handler.applyParked(null, EVENT).failed(), "the retry's own failure, not pipelined");
    assertTrue(pipelining.on(), "a parked poison event's retries do not slow the consumer's passes");
  }
}
