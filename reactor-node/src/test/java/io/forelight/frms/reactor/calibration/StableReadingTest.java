package io.forelight.frms.reactor.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StableReadingTest {

  private static final long S = 1_000_000_000L;

  @Test
  void stableOnlyOnceAWholeWindowStaysWithinTheBand() {
    StableReading probe = new StableReading(0.02, Duration.ofSeconds(10));
    for (int s = 0; s < 10; s++) {
      probe.add(s * S, 7.20 - s * 0.02); // still drifting towards 7.00
    }
    assertFalse(probe.stable(10 * S), probe.describe(10 * S));
    for (int s = 10; s < 21; s++) {
      probe.add(s * S, 7.00 + (s % 2) * 0.01);
    }
    assertTrue(probe.stable(21 * S), probe.describe(21 * S));
    assertEquals(7.005, probe.mean(), 0.002);
    probe.add(22 * S, 7.05);
    assertFalse(probe.stable(22 * S), "a jump beyond the band unsettles it");
  }

  @Test
  void notStableBeforeTheWindowIsCovered() {
    StableReading probe = new StableReading(0.1, Duration.ofSeconds(30));
    probe.add(0, 7.0);
    probe.add(S, 7.0);
    assertFalse(probe.stable(2 * S));
  }
}
