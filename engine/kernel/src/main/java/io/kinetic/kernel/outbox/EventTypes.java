package io.kinetic.kernel.outbox;

import io.kinetic.kernel.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Every event type of the engine by its stable {@link EventName}, discovered from each context's
 * sealed event interface. Registration is idempotent and may happen from any thread; two classes
 * claiming one name fail loudly.
 */
public final class EventTypes {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*\\.[a-z][a-z0-9-]*");
  private static final Map<String, Class<? extends DomainEvent>> BY_NAME = new ConcurrentHashMap<>();
  private static final Map<Class<?>, String> NAMES = new ConcurrentHashMap<>();
  private static final com.fasterxml.jackson.databind.ObjectMapper LENIENT = Json.MAPPER.copy()
    .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private EventTypes() {
  }

  /**
   * Registers every record that implements the sealed interface {@code family} (directly or through
   * nested sealed interfaces) and returns them.
   */
  public static List<Class<? extends DomainEvent>> registerFamily(Class<? extends DomainEvent> family) {
    var found = new java.util.ArrayList<Class<? extends DomainEvent>>();
    collect(family, found);
    found.forEach(EventTypes::register);
    return List.copyOf(found);
  }

  /** Registers one event record; its class must carry {@link EventName}. */
  public static String register(Class<? extends DomainEvent> type) {
    EventName annotation = type.getAnnotation(EventName.class);
    if (annotation == null || !NAME.matcher(annotation.value()).matches()) {
      throw new IllegalArgumentException(type.getName() + " needs @EventName(\"<context>.<past-tense>\")");
    }
    String name = annotation.value();
    Class<? extends DomainEvent> previous = BY_NAME.putIfAbsent(name, type);
    if (previous != null && previous != type) {
      throw new IllegalStateException("event name " + name + " is claimed by " + previous.getName() + " and " + type.getName());
    }
    NAMES.put(type, name);
    return name;
  }

  /** The stable name of an event instance's type. */
  public static String name(DomainEvent event) {
    String name = NAMES.get(event.getClass());
    return name != null ? name : register(event.getClass());
  }

  /** The class registered under {@code name}; IllegalArgumentException when none is. */
  public static Class<? extends DomainEvent> type(String name) {
    Class<? extends DomainEvent> type = BY_NAME.get(name);
    if (type == null) {
      throw new IllegalArgumentException("unknown event type " + name);
    }
    return type;
  }

  /** The bus address an event of this name is published on: {@code catalog.product-updated} -> {@code catalog.events.product-updated}. */
  public static String address(String name) {
    int dot = name.indexOf('.');
    return name.substring(0, dot) + ".events." + name.substring(dot + 1);
  }

  /** The bus address events of {@code type} are published on. */
  public static String address(Class<? extends DomainEvent> type) {
    EventName annotation = type.getAnnotation(EventName.class);
    if (annotation == null) {
      throw new IllegalArgumentException(type.getName() + " needs @EventName");
    }
    return address(annotation.value());
  }

  /**
   * The event stored under {@code name}. Fields the record does not know are ignored: the log is
   * durable, and an event written by a newer version (a field added) must still be readable by an
   * older node during a rolling deploy.
   */
  public static DomainEvent decode(String name, String payload) {
    try {
      return LENIENT.readValue(payload, type(name));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * {@link #decode} through a small per-node cache by event id: a logged event is read by the
   * relay (to publish it) and by every consumer of its log, each soon after the other, and decoding
   * its JSON each time was a twelfth of a busy node's CPU. Events are immutable; the same instance is
   * handed to each reader, as the local event bus does.
   */
  public static DomainEvent decode(UUID eventId, String name, String payload) {
    if (eventId == null || payload == null || payload.length() > DECODED_MAX_EVENT_CHARS) {
      return decode(name, payload);
    }
    synchronized (DECODED) {
      Decoded known = DECODED.get(eventId);
      if (known != null) {
        return known.event();
      }
    }
    DomainEvent event = decode(name, payload);
    synchronized (DECODED) {
      if (DECODED.put(eventId, new Decoded(event, payload.length())) == null) {
        decodedChars += payload.length();
      }
      // bounded by count and by size: a few large events (one availability event names hundreds of
      // products) must not keep hundreds of megabytes for the hour their count would allow
      var eldest = DECODED.values().iterator();
      while ((DECODED.size() > DECODED_MAX || decodedChars > DECODED_MAX_CHARS) && eldest.hasNext()) {
        decodedChars -= eldest.next().chars();
        eldest.remove();
      }
    }
    return event;
  }

  private record Decoded(DomainEvent event, int chars) {
  }

  /** For tests: the JSON characters of the events the cache holds. */
  static long cachedChars() {
    synchronized (DECODED) {
      return decodedChars;
    }
  }

  private static final int DECODED_MAX = 8_192;
  /** About the JSON of 8,000 typical events; a decoded event takes a few times its JSON's size. */
  private static final long DECODED_MAX_CHARS = 4_000_000;
  private static final int DECODED_MAX_EVENT_CHARS = 1_000_000;
  private static long decodedChars;
  private static final Map<UUID, Decoded> DECODED = new LinkedHashMap<>(1_024, 0.75f, true);

  public static List<Class<? extends DomainEvent>> all() {
    return List.copyOf(BY_NAME.values());
  }

  @SuppressWarnings("unchecked")
  private static void collect(Class<?> type, List<Class<? extends DomainEvent>> into) {
    if (type.isRecord()) {
      into.add((Class<? extends DomainEvent>) type);
      return;
    }
    Class<?>[] permitted = type.getPermittedSubclasses();
    if (permitted == null) {
      throw new IllegalArgumentException(type.getName() + " is neither a record nor a sealed interface");
    }
    for (Class<?> sub : permitted) {
      collect(sub, into);
    }
  }
}
