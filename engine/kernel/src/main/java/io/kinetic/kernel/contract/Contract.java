package io.kinetic.kernel.contract;

import io.kinetic.kernel.bus.Endpoint;
import io.kinetic.kernel.outbox.DomainEvent;
import io.kinetic.kernel.outbox.EventTypes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a bounded context offers on the bus, declared once in its {@code *Api} class: its name
 * (also its PostgreSQL schema), its request-reply endpoints, and its family of domain events (a
 * sealed interface, or null for a context that publishes none). The engine registers the message
 * codecs from it ({@link Contracts#register}), so no list of message types is kept by hand.
 */
public record Contract(String context, List<Endpoint<?, ?>> endpoints, Class<? extends DomainEvent> events) {

  public Contract {
    endpoints = List.copyOf(endpoints);
    for (Endpoint<?, ?> endpoint : endpoints) {
      if (!endpoint.address().startsWith(context + ".")) {
        throw new IllegalArgumentException(endpoint.address() + " is not an address of " + context);
      }
    }
  }

  public static Contract of(String context, Class<? extends DomainEvent> events, Endpoint<?, ?>... endpoints) {
    return new Contract(context, List.of(endpoints), events);
  }

  public boolean publishesEvents() {
    return events != null;
  }

  /** The event records of the family (registering their stable names). */
  public List<Class<? extends DomainEvent>> eventTypes() {
    return events == null ? List.of() : EventTypes.registerFamily(events);
  }

  /** Every type that travels on the bus for this context: requests, replies and events. */
  public Set<Class<?>> messageTypes() {
    var types = new LinkedHashSet<Class<?>>();
    for (Endpoint<?, ?> endpoint : endpoints) {
      types.add(endpoint.request());
      types.add(endpoint.reply());
    }
    types.addAll(new ArrayList<>(eventTypes()));
    return types;
  }
}
