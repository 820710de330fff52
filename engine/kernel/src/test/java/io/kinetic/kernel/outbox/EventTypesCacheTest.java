package io.kinetic.kernel.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kinetic.kernel.json.Json;
import io.kinetic.kernel.testing.TestEvent;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The per-node cache of decoded events: a reader after the first gets the same instance, and the
 * cache stays bounded by size, not only by count, when events are large.
 */
class EventTypesCacheTest {

  private static final String NAME = EventTypes.register(TestEvent.class);

  @Test
  void aLoggedEventIsDecodedOnceAndLargeEventsDoNotFillTheHeap() {
    UUID id = UUID.randomUUID();
    String small = json(id, "x");
    DomainEvent first = EventTypes.decode(id, NAME, small);
    assertSame(first, EventTypes.decode(id, NAME, small), "the second reader gets the decoded instance");

    // 200 events of 100,000 characters each: their count is well within the cache's, their size not
    String note = "n".repeat(100_000);
    for (int i = 0; i < 200; i++) {
      UUID each = UUID.randomUUID();
      EventTypes.decode(each, NAME, json(each, note));
      assertTrue(EventTypes.cachedChars() <= 4_000_000, "the cache holds at most 4,000,000 characters of JSON");
    }
    assertNotSame(first, EventTypes.decode(id, NAME, small), "the oldest entries made room");
    assertEquals(first, EventTypes.decode(id, NAME, small));
  }

  private static String json(UUID id, String note) {
    return Json.string(new TestEvent(id, Instant.parse("2026-12-02T00:00:00Z"), UUID.randomUUID(), 1, note));
  }
}
