package io.kinetic.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {

  @Test
  void parsesValuesFlagsAndDurations() {
    Args args = Args.parse(new String[] {"--duration", "15s", "--warmup=500ms", "--no-seed", "--connections", "8"},
        Set.of("duration", "warmup", "connections"), Set.of("no-seed"));
    assertEquals(Duration.ofSeconds(15), args.duration("duration", "1s"));
    assertEquals(Duration.ofMillis(500), args.duration("warmup", "1s"));
    assertEquals(8, args.intValue("connections", 64));
    assertTrue(args.flag("no-seed"));
    assertEquals(Duration.ofMinutes(2), Args.parseDuration("2m"));
    assertEquals(Duration.ofMillis(2500), Args.parseDuration("2.5"));
  }

  @Test
  void rejectsUnknownAndIncompleteOptions() {
    assertThrows(IllegalArgumentException.class, () -> Args.parse(new String[] {"--bogus", "1"}, Set.of("a"), Set.of()));
    assertThrows(IllegalArgumentException.class, () -> Args.parse(new String[] {"--a"}, Set.of("a"), Set.of()));
    assertThrows(IllegalArgumentException.class, () -> Args.parse(new String[] {"a"}, Set.of("a"), Set.of()));
  }
}
