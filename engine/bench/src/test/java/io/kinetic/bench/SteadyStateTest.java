package io.kinetic.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SteadyStateTest {

  @Test
  void steadyFromTheFirstSecondAfterWhichThroughputStaysNearTheFinalLevel() {
    assertEquals(0, SteadyState.after(List.of(900L, 1000L, 1000L, 1000L, 1000L, 1000L, 1000L, 1000L, 1000L, 1000L, 400L)));
    assertEquals(4, SteadyState.after(List.of(100L, 100L, 200L, 300L, 990L, 1000L, 1000L, 980L, 1000L, 1000L, 1000L, 1000L, 10L)));
  }

  @Test
  void aLateDipMovesTheSteadyPointPastIt() {
    assertEquals(5, SteadyState.after(List.of(1000L, 1000L, 1000L, 1000L, 100L, 1000L, 1000L, 1000L, 1000L, 1000L, 1000L, 5L)));
  }

  @Test
  void tooShortToTell() {
    assertEquals(-1, SteadyState.after(List.of(1L, 2L, 3L)));
  }
}
