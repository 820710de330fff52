package io.kinetic.gateway;

import io.kinetic.kernel.bus.Caller;
import io.kinetic.kernel.contract.identity.IdentityApi;
import io.kinetic.kernel.bus.BusClient;
import io.kinetic.kernel.contract.identity.ListStaffSessions;
import io.kinetic.kernel.contract.identity.StaffAccessChanged;
import io.kinetic.kernel.contract.identity.StaffSessions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Which staff access tokens are still good: a token whose {@code sv} claim is below its member's
 * current session version was issued before the member was deactivated or their roles changed.
 * The versions are kept per gateway instance, learned from the {@code StaffAccessChanged} events
 * (at once, on every node of a cluster) and re-read from identity every {@code
 * auth.staffRevocationPollMillis} (for an event that got lost, and for a gateway that just
 * started), so a revoked token stops working within that interval at the latest. Versions only
 * go up, so the two sources cannot undo each other. Until identity has answered once (e.g. it is
 * not deployed yet) only the events count: the member's refresh tokens are revoked and logins
 * refused regardless.
 */
final class StaffSessionGuard {

  private static final Logger LOG = Logger.getLogger(StaffSessionGuard.class.getName());
  static final int MAX_SESSIONS = 10_000;

  private final Vertx vertx;
  private final BusClient bus;
  private final long pollMillis;
  private final Map<UUID, Integer> versions = new ConcurrentHashMap<>();
  private MessageConsumer<StaffAccessChanged> consumer;
  private long timer = -1;
  private volatile boolean failing;

  StaffSessionGuard(Vertx vertx, BusClient bus, long pollMillis) {
    this.vertx = vertx;
    this.bus = bus;
    this.pollMillis = pollMillis;
  }

  /** Listens to the events and starts polling; completes after the first poll, whatever its outcome. */
  Future<Void> start() {
    consumer = vertx.eventBus().consumer(IdentityApi.Events.STAFF_ACCESS_CHANGED,
      message -> raise(message.body().staffId(), message.body().sessionVersion()));
    timer = vertx.setPeriodic(pollMillis, id -> poll());
    return consumer.completion().compose(v -> poll());
  }

  void stop() {
    vertx.cancelTimer(timer);
    if (consumer != null) {
      consumer.unregister();
    }
  }

  /** Whether a token of {@code staffId} issued at session version {@code tokenVersion} is still good. */
  boolean allows(UUID staffId, int tokenVersion) {
    return tokenVersion >= versions.getOrDefault(staffId, 0);
  }

  private Future<Void> poll() {
    return bus.request(IdentityApi.LIST_STAFF_SESSIONS, new ListStaffSessions(MAX_SESSIONS), Caller.SYSTEM)
      .onSuccess(sessions -> {
        sessions.items().forEach(s -> raise(s.staffId(), s.version()));
        if (failing) {
          LOG.info("staff session versions are read again");
          failing = false;
        }
      })
      .onFailure(t -> {
        if (!failing) {
          LOG.warning("cannot read the staff session versions (retrying every " + pollMillis + " ms): " + t.getMessage());
          failing = true;
        }
      })
      .<Void>mapEmpty()
      .otherwiseEmpty();
  }

  private void raise(UUID staffId, int version) {
    versions.merge(staffId, version, Math::max);
  }
}
