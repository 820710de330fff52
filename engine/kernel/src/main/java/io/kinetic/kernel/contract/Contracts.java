package io.kinetic.kernel.contract;

import io.kinetic.kernel.bus.RecordCodec;
import io.kinetic.kernel.contract.log.LogApi;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers the event-bus codecs of the given contracts (their requests, replies and events) and
 * of the kernel's own messages (the event logs' protocol, {@link Deleted}). Must run on every
 * Vert.x instance (every cluster node) before the verticles that speak those contracts deploy;
 * registering a type twice keeps the first registration.
 */
public final class Contracts {

  private Contracts() {
  }

  public static void register(Vertx vertx, Contract... contracts) {
    register(vertx, List.of(contracts));
  }

  public static void register(Vertx vertx, List<Contract> contracts) {
    var types = new ArrayList<Class<?>>(LogApi.MESSAGES);
    types.add(Deleted.class);
    for (Contract contract : contracts) {
      types.addAll(contract.messageTypes());
    }
    EventBus bus = vertx.eventBus();
    for (Class<?> type : types) {
      registerOne(bus, type);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void registerOne(EventBus bus, Class<?> type) {
    try {
      bus.registerDefaultCodec((Class) type, new RecordCodec(type));
    } catch (IllegalStateException alreadyRegistered) {
      // a second registration on the same Vert.x instance keeps the first
    }
  }
}
